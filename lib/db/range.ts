/** Reading the newest records of a [owner id, time] index in few round trips. */

/** An index over [owner id, time] keys, as `newestInRange` reads it. */
export interface TimeIndex<T> {
  openKeyCursor(
    range: IDBKeyRange,
    direction: 'prev',
  ): Promise<{ key: [string, number]; advance(n: number): Promise<{ key: [string, number] } | null> } | null>;
  getAll(range: IDBKeyRange): Promise<T[]>;
}

/**
 * The newest `limit` records between two keys of an index, newest first, in three round trips
 * to the database: a key cursor jumps `limit - 1` keys back, then one getAll reads the span.
 * (Stepping a value cursor costs one round trip per record — about 1.5 ms each in an idle page,
 * which made a 60-message page take 100 ms.) Records sharing the oldest key all come back, so a
 * page can be a little longer than `limit`; callers drop ids they already have.
 */
export async function newestInRange<T>(index: TimeIndex<T>, lower: [string, number], upper: [string, number], limit: number): Promise<T[]> {
  if (limit <= 0) return [];
  const newest = await index.openKeyCursor(IDBKeyRange.bound(lower, upper), 'prev');
  if (!newest) return [];
  const oldest = limit > 1 ? await newest.advance(limit - 1) : newest;
  const rows = await index.getAll(IDBKeyRange.bound(oldest ? oldest.key : lower, upper));
  return rows.reverse();
}

/** An index that reads the newest records in one round trip (IDBIndex.getAllRecords, Chrome 141+). */
export interface RecordsIndex<T> {
  getAllRecords?(options: { query: IDBKeyRange; count: number; direction: 'prev' }): Promise<Array<{ key: [string, number]; value: T }>>;
}

/**
 * The newest `limit` records between two keys, newest first: one round trip where the browser
 * can read backwards with a count (getAllRecords), else as `newestInRange`. Exactly `limit` there,
 * so records sharing the oldest key may be cut: for a first screen, not for paging back.
 */
export async function newestFirst<T>(
  index: TimeIndex<T> & RecordsIndex<T>,
  lower: [string, number],
  upper: [string, number],
  limit: number,
): Promise<T[]> {
  if (limit <= 0) return [];
  const records = await readBack(index, lower, upper, limit);
  return records ? records.map((r) => r.value) : newestInRange(index, lower, upper, limit);
}

/** The newest `count` records between two keys in one getAllRecords read; null where there is none. */
function readBack<T>(index: RecordsIndex<T>, lower: [string, number], upper: [string, number], count: number) {
  return typeof index.getAllRecords === 'function'
    ? index.getAllRecords({ query: IDBKeyRange.bound(lower, upper), count, direction: 'prev' })
    : Promise.resolve(null);
}

/**
 * The same records as `newestInRange` (the newest `limit`, plus any sharing the oldest one's key),
 * newest first, for paging back: one round trip where the browser has getAllRecords. It reads one
 * record more than asked; only when that one shares the oldest key (a run of records of one time
 * across the page's edge) does a second read fetch the whole run, so none is skipped.
 */
export async function newestPage<T>(
  index: TimeIndex<T> & RecordsIndex<T>,
  lower: [string, number],
  upper: [string, number],
  limit: number,
): Promise<T[]> {
  if (limit <= 0) return [];
  const records = await readBack(index, lower, upper, limit + 1);
  if (!records) return newestInRange(index, lower, upper, limit);
  if (records.length <= limit) return records.map((r) => r.value);
  // Same owner throughout the range: records differ by time only.
  const edge = records[limit - 1]!.key;
  if (records[limit]!.key[1] !== edge[1]) return records.slice(0, limit).map((r) => r.value);
  const run = await index.getAll(IDBKeyRange.only(edge));
  const newer = records.filter((r) => r.key[1] > edge[1]).map((r) => r.value);
  return [...newer, ...run.reverse()];
}
