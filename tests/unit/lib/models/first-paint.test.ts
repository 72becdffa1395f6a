import { describe, expect, it } from 'vitest';
import {
  FIRST_PAINT_KEY,
  FIRST_PAINT_ROWS,
  clearFirstPaint,
  forgetAccount,
  readFirstPaint,
  writeFirstPaint,
} from '@/lib/models/first-paint';
import { createInboxModel } from '@/lib/models/inbox';
import { account, conversation } from '../../support/factories';
import { fakeInboxDeps, synced } from '../../support/inbox-deps';

function memoryStore(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

const rows = Array.from({ length: 30 }, (_, i) => conversation({ id: `c${i}`, updatedTime: 10_000 - i, lastInboundTime: 5000 }));

describe('first paint snapshot', () => {
  it('keeps the newest rows of one account and when they were opened', () => {
    const store = memoryStore();
    writeFirstPaint(store, {
      accountId: 'ig1',
      accounts: [account()],
      rows,
      opened: [
        ['c1', 9000],
        ['c29', 9000],
      ],
    });
    const s = readFirstPaint(store);
    expect(s?.rows).toHaveLength(FIRST_PAINT_ROWS);
    expect(s?.rows[0]?.id).toBe('c0');
    // Only the opened times of rows it keeps.
    expect(s?.opened).toEqual([['c1', 9000]]);
    clearFirstPaint(store);
    expect(readFirstPaint(store)).toBeNull();
  });

  it('reads anything else as no snapshot', () => {
    const store = memoryStore();
    for (const raw of [
      'not json',
      '{}',
      '{"version":2}',
      JSON.stringify({ version: 1, accountId: 'ig1', accounts: [], rows: [], opened: [] }),
    ]) {
      store.setItem(FIRST_PAINT_KEY, raw);
      expect(readFirstPaint(store)).toBeNull();
    }
    // Rows of another account than the one it names.
    store.setItem(
      FIRST_PAINT_KEY,
      JSON.stringify({ version: 1, accountId: 'ig1', accounts: [account()], rows: [conversation({ accountId: 'ig2' })], opened: [] }),
    );
    expect(readFirstPaint(store)).toBeNull();
    expect(readFirstPaint(undefined)).toBeNull();
  });

  it('never shows a disconnected account again, even from a snapshot written after the disconnect', () => {
    const store = memoryStore();
    const lumen = account({ connectedAt: 1000 });
    const atelier = account({ id: 'ig2', username: 'ateliernord', connectedAt: 1000 });
    writeFirstPaint(store, { accountId: 'ig1', accounts: [lumen, atelier], rows, opened: [] });
    forgetAccount(store, 'ig1', 5000);
    expect(readFirstPaint(store)).toBeNull();
    // A panel that was closing while the disconnect ran writes what it still showed.
    writeFirstPaint(store, { accountId: 'ig1', accounts: [lumen, atelier], rows, opened: [] });
    expect(readFirstPaint(store)).toBeNull();
    // Another account's snapshot keeps its pill bar without the disconnected one.
    const theirs = rows.map((r) => ({ ...r, accountId: 'ig2' }));
    writeFirstPaint(store, { accountId: 'ig2', accounts: [lumen, atelier], rows: theirs, opened: [] });
    expect(readFirstPaint(store)?.accounts.map((a) => a.id)).toEqual(['ig2']);
    // Connected again later: shown again.
    writeFirstPaint(store, { accountId: 'ig1', accounts: [{ ...lumen, connectedAt: 9000 }], rows, opened: [] });
    expect(readFirstPaint(store)?.accountId).toBe('ig1');
  });

  it('a full storage does not break the page', () => {
    const store = memoryStore();
    store.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(() => writeFirstPaint(store, { accountId: 'ig1', accounts: [account()], rows, opened: [] })).not.toThrow();
  });
});

describe('InboxModel with a first-paint snapshot', () => {
  it('shows the snapshot at once, then the cache in its place', async () => {
    const { deps, world } = fakeInboxDeps({
      accounts: [account()],
      conversations: { ig1: [conversation({ id: 'fresh', updatedTime: 20_000 }), ...rows] },
      sync: { ig1: synced('ig1') },
      opened: [{ accountId: 'ig1', conversationId: 'c0', openedAt: 9000 }],
    });
    const model = createInboxModel(deps);
    model.paintSnapshot({ version: 1, accountId: 'ig1', accounts: [account()], rows: rows.slice(0, 5), opened: [['c0', 9000]] });
    expect(model.list.value?.conversations.value?.map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(model.list.value?.unreadIds.value.has('c0')).toBe(false);
    expect(model.list.value?.unreadIds.value.has('c1')).toBe(true);
    await model.start({ accountId: 'ig1' });
    expect(model.list.value?.conversations.value?.[0]?.id).toBe('fresh');
    expect(model.list.value?.conversations.value).toHaveLength(31);
    expect(world.requests).toContainEqual({ name: 'sync', payload: { accountId: 'ig1' } });
    // What to paint next time follows the cache.
    expect(model.snapshot.value?.rows[0]?.id).toBe('fresh');
  });

  it('drops the snapshot of an account that is gone', async () => {
    const { deps } = fakeInboxDeps({
      accounts: [account({ id: 'ig2', username: 'ateliernord' })],
      conversations: { ig2: [conversation({ id: 'theirs', accountId: 'ig2' })] },
      sync: { ig2: synced('ig2') },
    });
    const model = createInboxModel(deps);
    model.paintSnapshot({ version: 1, accountId: 'ig1', accounts: [account()], rows: rows.slice(0, 5), opened: [] });
    await model.start();
    expect(model.selectedAccountId.value).toBe('ig2');
    expect(model.accounts.value?.map((a) => a.id)).toEqual(['ig2']);
    expect(model.list.value?.conversations.value?.map((c) => c.id)).toEqual(['theirs']);
  });
});
