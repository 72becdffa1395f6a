import { describe, expect, it } from 'vitest';
import type { SearchDoc } from '@/lib/search';
import { openSearchIndex } from '@/lib/search/engine';
import { openDB } from 'idb';
import { openSearchDB, type PostingKey } from '@/lib/db/search-db';
import { compactIndex, overlappingTerms } from '@/lib/search/compact';

let seq = 0;
function doc(text: string, over: Partial<SearchDoc> = {}): SearchDoc {
  seq++;
  return {
    messageId: `m${String(seq).padStart(6, '0')}`,
    conversationId: 'c1',
    accountId: 'a1',
    createdTime: 1_700_000_000_000 + seq * 1000,
    text,
    participantName: null,
    participantUsername: null,
    ...over,
  };
}

const ids = async (index: ReturnType<typeof openSearchIndex>, q: string, limit = 5000) =>
  (await index.query(q, { limit })).map((h) => h.messageId).sort();

let db = 0;
const fresh = () => `bulk-test-${++db}`;

describe('search index, large and repeated writes', () => {
  it('a build in large batches finds exactly what one doc at a time finds', async () => {
    const docs = Array.from({ length: 1400 }, (_, i) => doc(`order ${i % 7 === 0 ? 'refund' : 'coffee'} n${i % 50} beans`));
    const bulk = openSearchIndex({ dbName: fresh() });
    for (let i = 0; i < docs.length; i += 700) await bulk.upsert(docs.slice(i, i + 1000));
    const small = openSearchIndex({ dbName: fresh() });
    for (let i = 0; i < 300; i += 7) await small.upsert(docs.slice(i, i + 7));
    await small.upsert(docs.slice(294));
    for (const q of ['coffee', 'refund', 'order n4', 'beans refund', 'n1']) {
      expect(await ids(bulk, q)).toEqual(await ids(small, q));
    }
    // 'coffee' spans several blocks of 1,024 docs: every one of them is there once.
    const coffee = docs.filter((d) => d.text.includes('coffee')).map((d) => d.messageId);
    expect(await ids(bulk, 'coffee')).toEqual(coffee.sort());
  });

  it('upserting a batch that is indexed already changes nothing (a resumed build)', async () => {
    const index = openSearchIndex({ dbName: fresh() });
    const docs = Array.from({ length: 500 }, (_, i) => doc(`again ${i}`));
    await index.upsert(docs);
    await index.upsert(docs.slice(100, 400));
    await index.upsert(docs);
    expect(await ids(index, 'again')).toHaveLength(500);
  });

  it('what another page wrote in between is kept (the remembered tails are dropped)', async () => {
    const name = fresh();
    const background = openSearchIndex({ dbName: name });
    const other = openSearchIndex({ dbName: name });
    const first = Array.from({ length: 100 }, () => doc('shared word'));
    const between = Array.from({ length: 100 }, () => doc('shared word'));
    const last = Array.from({ length: 100 }, () => doc('shared word'));
    await background.upsert(first);
    await other.upsert(between);
    await background.upsert(last);
    expect(await ids(background, 'shared')).toEqual([...first, ...between, ...last].map((d) => d.messageId).sort());
  });

  it('a doc taken out of a term is not written back by the next append', async () => {
    const index = openSearchIndex({ dbName: fresh() });
    const a = doc('lonely term');
    await index.upsert([a]);
    await index.upsert([{ ...a, text: 'other words' }]);
    await index.upsert([doc('lonely again')]);
    expect(await ids(index, 'lonely')).toHaveLength(1);
    expect(await ids(index, 'other')).toEqual([a.messageId]);
    await index.remove([a.messageId]);
    await index.upsert([doc('other text')]);
    expect(await ids(index, 'other')).toHaveLength(1);
  });

  it('after an account is removed, new docs of it start from nothing', async () => {
    const index = openSearchIndex({ dbName: fresh() });
    await index.upsert(Array.from({ length: 50 }, () => doc('gone soon')));
    await index.removeAccount('a1');
    const back = doc('gone and back');
    await index.upsert([back]);
    expect(await ids(index, 'gone')).toEqual([back.messageId]);
  });

  it('puts a build in id order into time order: full blocks hold distinct stretches of time, the answers stay the same', async () => {
    const name = fresh();
    const index = openSearchIndex({ dbName: name });
    // Message ids in one order, times in another (a backfill goes by id).
    const docs = Array.from({ length: 5200 }, (_, i) =>
      doc(`coffee ${i % 3 ? 'beans' : 'refund'}`, { createdTime: 1_700_000_000_000 + ((i * 7919) % 5200) * 1000 }),
    );
    for (let i = 0; i < docs.length; i += 1000) await index.upsert(docs.slice(i, i + 1000));
    const db = await openSearchDB(name).get();
    const before = await Promise.all(['coffee', 'beans', 'refund', 'coffee ref'].map((q) => index.query(q, { limit: 6000 })));
    // refund has one full block (and the open one): nothing of it overlaps.
    expect(overlappingTerms(await db.getAllKeys('postings')).map((t) => t.term)).toEqual(['beans', 'coffee']);

    expect(await index.compact()).toBe(2);
    const keys = await db.getAllKeys('postings');
    expect(overlappingTerms(keys)).toEqual([]);
    // coffee: five full blocks, newest and oldest times in order, then the open block.
    const coffee = keys.filter((k) => k[1] === 'coffee');
    expect(coffee.map((k) => k[2])).toEqual([0, 1, 2, 3, 4, 5]);
    for (let i = 1; i < 5; i++) expect(coffee[i]![4]).toBeGreaterThanOrEqual(coffee[i - 1]![3]);
    expect(coffee[5]!.slice(3)).toEqual([Infinity, -Infinity, 1]);
    const after = await Promise.all(['coffee', 'beans', 'refund', 'coffee ref'].map((q) => index.query(q, { limit: 6000 })));
    expect(after).toEqual(before);
    // Nothing left to do; a new message goes on the open block.
    expect(await index.compact()).toBe(0);
    await index.upsert([doc('coffee late')]);
    expect((await index.query('coffee late'))[0]?.messageId).toBe(`m${String(seq).padStart(6, '0')}`);
  });

  it('drops an index of the version before (block keys without times) and builds anew', async () => {
    const name = fresh();
    const old = await openDB(name, 2, {
      upgrade(db) {
        db.createObjectStore('postings');
        db.createObjectStore('docs', { keyPath: 'page' });
        db.createObjectStore('accounts', { keyPath: 'accountId' });
        db.createObjectStore('meta');
      },
    });
    await old.put('postings', { term: 'coffee', nos: Uint32Array.of(1), times: Float64Array.of(1), fields: Uint8Array.of(1) }, [
      'a1',
      'coffee',
      0,
    ]);
    await old.put('accounts', { accountId: 'a1' });
    old.close();
    const index = openSearchIndex({ dbName: name });
    expect(await index.query('coffee')).toEqual([]);
    await index.upsert([doc('coffee again')]);
    expect(await ids(index, 'coffee')).toEqual([`m${String(seq).padStart(6, '0')}`]);
    expect((await openSearchDB(name).get()).version).toBe(3);
  });

  it('counts as out of order only full blocks whose times overlap, in any block order', () => {
    const key = (term: string, blockNo: number, oldest: number, newest: number): PostingKey => ['a1', term, blockNo, newest, oldest, 1];
    const open = (term: string, blockNo: number): PostingKey => ['a1', term, blockNo, Infinity, -Infinity, 1];
    expect(
      overlappingTerms([
        // Older messages imported newest first: distinct stretches, nothing to do.
        key('espresso', 0, 500, 900),
        key('espresso', 1, 100, 499),
        open('espresso', 2),
        // A build in id order: every block spans most of the time.
        key('order', 0, 100, 900),
        key('order', 1, 120, 880),
        open('order', 2),
        // One full block and the open one.
        key('tote', 0, 100, 900),
        open('tote', 1),
      ]),
    ).toEqual([{ accountId: 'a1', term: 'order', blocks: 3 }]);
  });

  it('a page closed while it puts the index in order leaves every word whole; the next run finishes', async () => {
    const name = fresh();
    const index = openSearchIndex({ dbName: name });
    const docs = Array.from({ length: 5200 }, (_, i) =>
      doc(`latte ${i % 2 ? 'oat' : 'milk'}`, { createdTime: 1_700_000_000_000 + ((i * 7919) % 5200) * 1000 }),
    );
    for (let i = 0; i < docs.length; i += 1000) await index.upsert(docs.slice(i, i + 1000));
    const db = await openSearchDB(name).get();
    const queries = ['latte', 'oat', 'milk', 'latte mi'];
    const before = await Promise.all(queries.map((q) => index.query(q, { limit: 6000 })));
    expect(overlappingTerms(await db.getAllKeys('postings')).length).toBeGreaterThan(0);

    // The page goes away in the middle of the transaction: the first block written back is as far as it gets.
    const closing = {
      getAllKeys: db.getAllKeys.bind(db),
      transaction: (...args: Parameters<typeof db.transaction>) => {
        const tx = db.transaction(...args);
        const postings = tx.objectStore('postings');
        return Object.assign(Object.create(tx) as typeof tx, {
          done: tx.done,
          objectStore: (store: 'postings' | 'meta') =>
            store !== 'postings'
              ? tx.objectStore(store)
              : Object.assign(Object.create(postings) as typeof postings, {
                  getAll: postings.getAll.bind(postings),
                  delete: (range: IDBKeyRange) => postings.delete!(range),
                  put: () => {
                    tx.abort();
                    return Promise.reject(new DOMException('closed', 'AbortError'));
                  },
                }),
        });
      },
    };
    await expect(compactIndex(closing as unknown as typeof db)).rejects.toThrow();
    // Nothing half done: every word still has all its docs.
    expect(await Promise.all(queries.map((q) => index.query(q, { limit: 6000 })))).toEqual(before);

    expect(await index.compact()).toBeGreaterThan(0);
    expect(overlappingTerms(await db.getAllKeys('postings'))).toEqual([]);
    expect(await Promise.all(queries.map((q) => index.query(q, { limit: 6000 })))).toEqual(before);
  });
});
