import { describe, expect, it } from 'vitest';
import type { SearchDoc } from '@/lib/search';
import { openSearchIndex } from '@/lib/search/engine';

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
});
