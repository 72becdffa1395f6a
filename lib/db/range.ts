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
