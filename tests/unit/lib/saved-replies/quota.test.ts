import { describe, expect, it } from 'vitest';
import { isQuotaError, itemBytes, MAX_ITEMS, QUOTA_BYTES, QUOTA_BYTES_PER_ITEM, quotaProblem, usageOf } from '@/lib/saved-replies/quota';

describe('sync quota', () => {
  it('counts an item as its key plus its value as JSON, in UTF-8 bytes', () => {
    expect(itemBytes('k', 'é')).toBe(1 + 4); // "é" as JSON: 2 quotes + 2 bytes
    expect(usageOf({ a: 1, bb: [1, 2] })).toEqual({ bytes: 1 + 1 + 2 + 5, items: 2 });
  });

  it('accepts a change that fits, and a removal always', () => {
    expect(quotaProblem({}, { x: 'small' })).toBeNull();
    const full = { big: 'x'.repeat(QUOTA_BYTES) };
    expect(quotaProblem(full, { big: null })).toBeNull();
  });

  it('says in words how much is used and what to do when the total would be exceeded', () => {
    const all: Record<string, unknown> = {};
    for (let i = 0; i < 14; i += 1) all[`savedReply.${i}`] = { text: 'x'.repeat(7000) };
    const problem = quotaProblem(all, { 'savedReply.new': { text: 'y'.repeat(7000) } });
    expect(problem).toMatch(/Saved replies are full: they use 9\d\.\d KB of the 100\.0 KB/);
    expect(problem).toMatch(/Delete or shorten some replies/);
    expect(problem).toMatch(/What you typed is still here/);
  });

  it('refuses one item over the per-item limit, and more items than the browser syncs', () => {
    expect(quotaProblem({}, { one: 'x'.repeat(QUOTA_BYTES_PER_ITEM) })).toMatch(/too large to sync/);
    const many: Record<string, unknown> = {};
    for (let i = 0; i < MAX_ITEMS; i += 1) many[`k${i}`] = 1;
    expect(quotaProblem(many, { another: 1 })).toMatch(/at most 511 saved replies/);
  });

  it('recognises the browser’s own quota refusal', () => {
    expect(isQuotaError(new Error('QUOTA_BYTES quota exceeded'))).toBe(true);
    expect(isQuotaError(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'))).toBe(true);
    expect(isQuotaError(new Error('something else'))).toBe(false);
  });
});
