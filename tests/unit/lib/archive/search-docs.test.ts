import { describe, expect, it } from 'vitest';
import { backfillSearchIndex, indexNote } from '@/lib/archive/search-docs';
import { getDB, putAccount, putNotes } from '@/lib/db';
import type { ContactNote } from '@/lib/db/schema';
import { noteIdOf, type SearchDoc } from '@/lib/search';
import { openSearchIndex } from '@/lib/search/engine';
import { account, conversation, message } from '../../support/factories';

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

  it('the backfill goes in batches, tells its progress, and a stopped one resumes after its last batch', async () => {
    await putAccount(account());
    const db = await getDB();
    await db.put('conversations', conversation());
    for (let i = 0; i < 7; i++) await db.put('messages', message({ id: `m${i}`, text: `word${i} common` }));
    const upserted: string[][] = [];
    let cursor: string | null = null;
    const resume = { get: async () => cursor, set: async (id: string | null) => void (cursor = id) };
    const index = openSearchIndex();
    // A worker stopped after its second batch: the upsert of the third never commits.
    const stopping = {
      ...index,
      upsert: async (docs: SearchDoc[]) => {
        if (upserted.length === 2) throw new Error('worker stopped');
        upserted.push(docs.map((d) => d.messageId));
        await index.upsert(docs);
      },
    };
    await expect(backfillSearchIndex(stopping, { batchSize: 3, resume })).rejects.toThrow('worker stopped');
    expect(cursor).toBe('m5');
    const progress: string[] = [];
    await backfillSearchIndex(
      {
        ...index,
        upsert: async (docs) => {
          upserted.push(docs.map((d) => d.messageId));
          await index.upsert(docs);
        },
      },
      { batchSize: 3, resume, onProgress: (p) => progress.push(`${p.done}/${p.total}`) },
    );
    expect(upserted).toEqual([['m0', 'm1', 'm2'], ['m3', 'm4', 'm5'], ['m6']]);
    expect(progress).toEqual(['6/7', '7/7', '7/7']);
    expect(cursor).toBeNull();
    expect(await index.query('common', { limit: 50 })).toHaveLength(7);
  });
});
