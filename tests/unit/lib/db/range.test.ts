import { describe, expect, it } from 'vitest';
import { newestFirst, newestInRange, newestPage, type RecordsIndex, type TimeIndex } from '@/lib/db/range';

interface Row {
  id: string;
  at: number;
}

/** An index over [owner, time] keys, like IndexedDB's, counting its round trips. */
function index(rows: Row[], withRecords: boolean) {
  const keyOf = (r: Row): [string, number] => ['a', r.at];
  // Records of one key come in the order of their primary key (the id), as in IndexedDB.
  const sorted = [...rows].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const inRange = (range: IDBKeyRange) => sorted.filter((r) => range.includes(keyOf(r)));
  let trips = 0;
  const base: TimeIndex<Row> = {
    openKeyCursor(range) {
      trips += 1;
      const keys = inRange(range).map(keyOf).reverse();
      const at = (i: number) =>
        keys[i]
          ? {
              key: keys[i],
              advance: (n: number) => {
                trips += 1;
                return Promise.resolve(at(i + n));
              },
            }
          : null;
      return Promise.resolve(at(0));
    },
    getAll(range) {
      trips += 1;
      return Promise.resolve(inRange(range));
    },
  };
  const records: RecordsIndex<Row> = {
    getAllRecords({ query, count, direction }) {
      trips += 1;
      const found = inRange(query);
      if (direction === 'prev') found.reverse();
      return Promise.resolve(found.slice(0, count).map((value) => ({ key: keyOf(value), value })));
    },
  };
  return { index: withRecords ? { ...base, ...records } : base, trips: () => trips };
}

const rows: Row[] = [1, 2, 3, 4, 5, 6].map((at) => ({ id: `r${at}`, at }));
const ids = (found: Row[]) => found.map((r) => r.id);

describe('the newest records of an index', () => {
  it('come newest first in one round trip where the index reads backwards with a count', async () => {
    const { index: ix, trips } = index(rows, true);
    expect(ids(await newestFirst(ix, ['a', -Infinity], ['a', Infinity], 3))).toEqual(['r6', 'r5', 'r4']);
    expect(trips()).toBe(1);
  });

  it('come the same in three round trips where it cannot', async () => {
    const { index: ix, trips } = index(rows, false);
    expect(ids(await newestFirst(ix, ['a', -Infinity], ['a', Infinity], 3))).toEqual(['r6', 'r5', 'r4']);
    expect(trips()).toBe(3);
    expect(ids(await newestInRange(index(rows, false).index, ['a', -Infinity], ['a', 4], 2))).toEqual(['r4', 'r3']);
  });

  it('are none for a limit of none or an empty range', async () => {
    expect(await newestFirst(index(rows, true).index, ['a', -Infinity], ['a', Infinity], 0)).toEqual([]);
    expect(await newestFirst(index(rows, true).index, ['a', 10], ['a', 20], 5)).toEqual([]);
    expect(await newestFirst(index(rows, false).index, ['a', 10], ['a', 20], 5)).toEqual([]);
  });
});

describe('a page of history, newest first', () => {
  const all = () => ({ lower: ['a', -Infinity] as [string, number], upper: ['a', Infinity] as [string, number] });

  it('comes in one round trip when no run of one time crosses its edge', async () => {
    const { index: ix, trips } = index(rows, true);
    expect(ids(await newestPage(ix, all().lower, all().upper, 3))).toEqual(['r6', 'r5', 'r4']);
    expect(trips()).toBe(1);
    expect(ids(await newestPage(index(rows, true).index, all().lower, ['a', 2], 5))).toEqual(['r2', 'r1']);
  });

  it('holds every message of the time at its edge, as the three-trip read does', async () => {
    // r3, r3b and r3c share one second; a page of 3 ends inside that run.
    const tied: Row[] = [...rows, { id: 'r3b', at: 3 }, { id: 'r3c', at: 3 }];
    const { index: ix, trips } = index(tied, true);
    const page = await newestPage(ix, all().lower, all().upper, 4);
    expect(ids(page)).toEqual(['r6', 'r5', 'r4', 'r3c', 'r3b', 'r3']);
    expect(trips()).toBe(2);
    expect(ids(await newestInRange(index(tied, false).index, all().lower, all().upper, 4))).toEqual(ids(page));
  });

  it('reads a run of one time longer than a page whole, and goes on below it', async () => {
    // Ten messages of one second between others, read in pages of 4 from the newest.
    const many: Row[] = [
      { id: 'a1', at: 1 },
      ...Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, at: 2 })),
      { id: 'c1', at: 3 },
      { id: 'c2', at: 4 },
    ];
    const run = Array.from({ length: 10 }, (_, i) => `b${9 - i}`);
    for (const withRecords of [true, false]) {
      const { index: ix } = index(many, withRecords);
      expect(ids(await newestPage(ix, all().lower, all().upper, 4))).toEqual(['c2', 'c1', ...run]);
      expect(ids(await newestPage(ix, all().lower, ['a', 2], 4))).toEqual(run);
      expect(ids(await newestPage(ix, all().lower, ['a', 1], 4))).toEqual(['a1']);
    }
  });

  it('is empty for a limit of none or an empty range', async () => {
    expect(await newestPage(index(rows, true).index, all().lower, all().upper, 0)).toEqual([]);
    expect(await newestPage(index(rows, true).index, ['a', 10], ['a', 20], 5)).toEqual([]);
  });
});
