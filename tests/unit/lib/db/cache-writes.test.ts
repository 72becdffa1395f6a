import { describe, expect, it } from 'vitest';
import { getMessage, withCacheWrite } from '@/lib/db/cache-writes';
import { plainMessage } from '@/lib/db/schema';

const message = (id: string) =>
  plainMessage({ id, conversationId: 'c1', accountId: 'a1', createdTime: 1, fromId: null, isOwn: false, text: id, kind: 'text' });

describe('bulk cache writes', () => {
  it('writes many messages at once and tells which ids are stored, whether the range is sparse or crowded', async () => {
    const stored = Array.from({ length: 50 }, (_, i) => message(`m${10 + i}`));
    await withCacheWrite((cache) => cache.putMessages(stored));
    expect((await getMessage('m42'))?.text).toBe('m42');
    // Few ids over a range holding many stored keys: read id by id.
    const crowded = await withCacheWrite((cache) => cache.storedIds('messages', ['m00', 'm99', 'm20', 'm20']));
    expect([...crowded]).toEqual(['m20']);
    // Ids close together: one key-range read.
    const sparse = await withCacheWrite((cache) => cache.storedIds('messages', ['m30', 'm31', 'm3x']));
    expect([...sparse].sort()).toEqual(['m30', 'm31']);
    expect([...(await withCacheWrite((cache) => cache.storedIds('conversations', ['c1'])))]).toEqual([]);
  });
});
