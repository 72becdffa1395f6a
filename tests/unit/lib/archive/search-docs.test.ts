import { describe, expect, it } from 'vitest';
import { backfillSearchIndex, indexNote } from '@/lib/archive/search-docs';
import { getDB, putAccount, putNotes } from '@/lib/db';
import type { ContactNote } from '@/lib/db/schema';
import { noteIdOf, openSearchIndex } from '@/lib/search';
import { account, conversation } from '../../support/factories';

const note: ContactNote = {
  id: 'n1',
  accountId: 'ig1',
  contactId: 'u1',
  conversationId: 'c1',
  text: 'Prefers decaf, ships to Porto',
  createdAt: 1,
  updatedAt: 2,
};

describe('notes in the search index', () => {
  it('a saved note is found with its contact’s name, an edit replaces it, a deleted one is gone', async () => {
    await (await getDB()).put('conversations', conversation({ participant: { id: 'u1', username: 'maria', name: 'María García' } }));
    const index = openSearchIndex();
    await indexNote(index, note, false);
    const [hit] = await index.query('porto');
    expect(hit && noteIdOf(hit.messageId)).toBe('n1');
    expect((await index.query('garcia decaf')).map((h) => h.messageId)).toEqual(['note:n1']);
    await indexNote(index, { ...note, text: 'Ships to Lisbon now', updatedAt: 3 }, false);
    expect(await index.query('porto')).toEqual([]);
    expect(await index.query('lisbon')).toHaveLength(1);
    await indexNote(index, note, true);
    expect(await index.query('lisbon')).toEqual([]);
  });

  it('the backfill indexes the notes of connected accounts with the messages', async () => {
    await putAccount(account());
    await (await getDB()).put('conversations', conversation());
    await putNotes([note, { ...note, id: 'n2', accountId: 'gone', text: 'Porto too' }]);
    const index = openSearchIndex();
    expect(await backfillSearchIndex(index)).toBe(1);
    expect((await index.query('porto')).map((h) => h.messageId)).toEqual(['note:n1']);
  });
});
