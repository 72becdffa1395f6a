import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseNotice } from '@/components/DatabaseNotice';
import { blockedMessage, getDB } from '@/lib/db';
import { DB_NAME, DB_VERSION } from '@/lib/db/schema';

afterEach(cleanup);

describe('DatabaseNotice', () => {
  it('says what to do while another tab holds an old version of the data open, and goes once it lets go', async () => {
    render(<DatabaseNotice />);
    expect(screen.queryByRole('alert')).toBeNull();

    // Another tab with an older DM Desk that does not let go on its own.
    const old = await openDB(DB_NAME, 1, {
      upgrade: (db) => {
        db.createObjectStore('accounts', { keyPath: 'id' });
        db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('by-account-updated', ['accountId', 'updatedTime']);
        db.createObjectStore('messages', { keyPath: 'id' }).createIndex('by-conversation-time', ['conversationId', 'createdTime']);
        db.createObjectStore('syncState', { keyPath: 'accountId' });
      },
    });
    const opening = getDB();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(blockedMessage()));
    expect(blockedMessage()).toMatch(/Close or reload the other DM Desk tabs/);

    old.close();
    expect((await opening).version).toBe(DB_VERSION);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
