import { describe, expect, it } from 'vitest';
import { newestFirst, newestInRange, type RecordsIndex, type TimeIndex } from '@/lib/db/range';

interface Row {
  id: string;
  at: number;
}

/** An index over [owner, time] keys, like IndexedDB's, counting its round trips. */
function index(rows: Row[], withRecords: boolean) {
  const keyOf = (r: Row): [string, number] => ['a', r.at];
  const sorted = [...rows].sort((x, y) => x.at - y.at);
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
      return Promise.resolve(found.slice(0, count).map((value) => ({ value })));
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
