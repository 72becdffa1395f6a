import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteDB, openDB } from 'idb';
import { getDB, listAccounts, onDatabaseEvent, outdatedMessage, putAccount, type DatabaseEvent } from '@/lib/db';
import { DB_NAME, DB_VERSION } from '@/lib/db/schema';
import { SEARCH_DB_NAME, SEARCH_DB_VERSION } from '@/lib/db/search-db';
import { readDiagnostics } from '@/lib/diagnostics';
import { openSearchIndex } from '@/lib/search/engine';
import { account } from '../../support/factories';

/** Fails instead of waiting for the test's own timeout when the other side is left hanging. */
function within<T>(promise: Promise<T>, what: string, ms = 1_000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms)),
  ]);
}

const events: DatabaseEvent[] = [];
let unsubscribe = (): void => undefined;
beforeEach(() => {
  events.length = 0;
  unsubscribe = onDatabaseEvent((e) => events.push(e));
});
afterEach(() => unsubscribe());

describe('database connections between pages', () => {
  it('lets another page upgrade the app database: this page closes its connection instead of blocking it', async () => {
    await putAccount(account({ id: 'ig1' }));
    const newer = await within(
      openDB(DB_NAME, DB_VERSION + 1, { blocked: () => events.push({ type: 'blocked', database: 'other page' }) }),
      'the newer version',
    );
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(events).toContainEqual({ type: 'released', database: DB_NAME });
    expect(events.some((e) => e.type === 'blocked')).toBe(false);
    newer.close();
    // This page's code is older than the database now: a read says to reload, it does not hang.
    await expect(within(listAccounts(), 'a read after the upgrade')).rejects.toThrow(outdatedMessage());
  });

  it('opens the app database again on the next read after letting a delete through', async () => {
    await putAccount(account({ id: 'ig1' }));
    await within(deleteDB(DB_NAME), 'deleting the database');
    expect(await within(listAccounts(), 'a read after the delete')).toEqual([]);
    expect((await getDB()).version).toBe(DB_VERSION);
  });

  it('waits for another page that holds an old version, says so, and goes on once it lets go', async () => {
    // An old page that does not react to version changes (e.g. one that predates this code).
    const old = await openDB(DB_NAME, 1, {
      upgrade: (db) => {
        db.createObjectStore('accounts', { keyPath: 'id' });
        db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('by-account-updated', ['accountId', 'updatedTime']);
        db.createObjectStore('messages', { keyPath: 'id' }).createIndex('by-conversation-time', ['conversationId', 'createdTime']);
        db.createObjectStore('syncState', { keyPath: 'accountId' });
      },
    });
    let opened = false;
    const opening = getDB().then((db) => {
      opened = true;
      return db;
    });
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'blocked', database: DB_NAME }));
    expect(opened).toBe(false);
    const log = await readDiagnostics();
    expect(log.some((e) => e.area === 'db' && e.message.includes('waits for another DM Desk page'))).toBe(true);

    old.close();
    expect((await within(opening, 'the open after the old page closed')).version).toBe(DB_VERSION);
    expect(events).toContainEqual({ type: 'unblocked', database: DB_NAME });
  });

  it('lets another page upgrade the search database too', async () => {
    const index = openSearchIndex();
    await index.upsert([
      {
        messageId: 'm1',
        conversationId: 'c1',
        accountId: 'a1',
        createdTime: 1,
        text: 'hello there',
        participantName: null,
        participantUsername: null,
      },
    ]);
    const newer = await within(openDB(SEARCH_DB_NAME, SEARCH_DB_VERSION + 1), 'the newer search version');
    expect(newer.version).toBe(SEARCH_DB_VERSION + 1);
    expect(events).toContainEqual({ type: 'released', database: SEARCH_DB_NAME });
    newer.close();
    await expect(within(index.query('hello'), 'a query after the upgrade')).rejects.toThrow(outdatedMessage());
  });

  it('lets the search database be deleted and builds it again on the next write', async () => {
    const index = openSearchIndex();
    const doc = {
      messageId: 'm1',
      conversationId: 'c1',
      accountId: 'a1',
      createdTime: 1,
      text: 'hello there',
      participantName: null,
      participantUsername: null,
    };
    await index.upsert([doc]);
    await within(deleteDB(SEARCH_DB_NAME), 'deleting the search database');
    expect(await within(index.query('hello'), 'a query after the delete')).toEqual([]);
    await index.upsert([doc]);
    expect((await index.query('hello')).map((h) => h.messageId)).toEqual(['m1']);
  });
});
