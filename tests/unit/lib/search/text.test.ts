import { describe, expect, it } from 'vitest';
import { highlightRanges, normalizeForSearch } from '@/lib/search';

const marked = (text: string, q: string) => highlightRanges(text, q).map(([s, e]) => text.slice(s, e));

describe('normalizeForSearch', () => {
  it('lowercases, strips accents and keeps emoji', () => {
    expect(normalizeForSearch('Crème Brûlée ÜBER İstanbul ☕')).toBe('creme brulee uber istanbul ☕');
    expect(normalizeForSearch('e\u0301')).toBe('e');
    expect(normalizeForSearch('❤️')).toBe('❤');
  });
});

describe('highlightRanges', () => {
  it('maps matches back to the original, accented text', () => {
    expect(highlightRanges('Un Café, ¿sí?', 'cafe si')).toEqual([
      [3, 7],
      [10, 12],
    ]);
    expect(marked('Grüße aus ZÜRICH', 'zurich')).toEqual(['ZÜRICH']);
  });

  it('includes combining marks of decomposed input', () => {
    const text = 'cafe\u0301 noir';
    expect(marked(text, 'café')).toEqual(['cafe\u0301']);
  });

  it('highlights only the prefix part of the last term', () => {
    expect(marked('Shipping shipped ship', 'shi')).toEqual(['Shi', 'shi', 'shi']);
    expect(marked('Éclair éclairs', 'ecl')).toEqual(['Écl', 'écl']);
  });

  it('matches whole terms only, except the last', () => {
    expect(marked('order reorder orders', 'order x')).toEqual(['order']);
  });

  it('highlights emoji with their modifiers', () => {
    expect(marked('ok 👍🏽 ☕', '👍')).toEqual(['👍🏽']);
    expect(marked('love ❤️ it', '❤')).toEqual(['❤️']);
  });

  it('handles characters outside the BMP before a match', () => {
    const text = '🎉🎉 Fête';
    expect(marked(text, 'fete')).toEqual(['Fête']);
  });

  it('returns nothing for empty or hostile queries', () => {
    expect(highlightRanges('anything', '')).toEqual([]);
    expect(highlightRanges('a (b) .*', '.*')).toEqual([]);
    expect(highlightRanges('', 'x')).toEqual([]);
    expect(marked('a (b) [c]', '(b)')).toEqual(['b']);
  });
});
