/**
 * A worker that puts the search index in time order (compact.ts), started by a page that queries
 * the index (engine.ts). It answers `{ terms }` (how many terms it rewrote) or `{ error }` and ends.
 * Extension APIs are not there in a worker: nothing here needs them.
 */
import { openSearchDB } from '../db/search-db';
import { compactIndex } from './compact';

const scope = self as unknown as { postMessage(message: unknown): void; close(): void };

void (async () => {
  try {
    const connection = openSearchDB();
    scope.postMessage({ terms: await compactIndex(await connection.get()) });
  } catch (e) {
    scope.postMessage({ error: e instanceof Error ? e.name : 'failed' });
  }
  scope.close();
})();
