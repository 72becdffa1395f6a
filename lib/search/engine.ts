/**
 * The search over cached messages and notes: an inverted index in its own IndexedDB database
 * ('dm-desk-search', apart from the app's 'dm-desk'; lib/db/search-db.ts opens it). Opening is
 * lazy: nothing is read until the first call, and a query reads only the index entries of its own
 * terms. The search box's filters (`label:`, `is:`) are parsed in filters.ts.
 *
 * Apart from index.ts (what a page needs to draw the search box and its results), so that the
 * side panel loads this after its first rows are painted.
 */
import { openIdbSearchIndex, openIdbSearchWriter } from './idb-index';
import type { SearchIndex, SearchIndexWriter } from './types';

export function openSearchIndex(opts?: { dbName?: string }): SearchIndex {
  return openIdbSearchIndex(opts);
}

/** The same index, for writing only: the background keeps it and never queries it. */
export function openSearchIndexWriter(opts?: { dbName?: string }): SearchIndexWriter {
  return openIdbSearchWriter(opts);
}

let running: Promise<void> | null = null;
let again = false;

/**
 * Puts the index in time order (compact.ts) in a worker, so that sorting never holds up the page:
 * when the page starts, and again when the background says a build (a backfill, an import) is
 * done. Quick when nothing is out of order. One run at a time; a call during one runs once more
 * after it. `onError` hears what failed (a name, never data).
 */
export function compactInWorker(onError: (what: string) => void): void {
  if (typeof Worker === 'undefined') return;
  if (running) {
    again = true;
    return;
  }
  running = new Promise<void>((done) => {
    const end = (error?: string) => {
      if (error) onError(error);
      done();
    };
    let worker: Worker;
    try {
      worker = new Worker(new URL('./compact-worker.ts', import.meta.url), { type: 'module' });
    } catch (e) {
      // i18n-exempt: a diagnostics log word, English for bug reports
      end(e instanceof Error ? e.name : 'WorkerError');
      return;
    }
    const stop = (error?: string) => {
      worker.terminate();
      end(error);
    };
    worker.addEventListener('message', (e: MessageEvent<{ terms?: number; error?: string }>) => stop(e.data.error));
    // i18n-exempt: a diagnostics log word, English for bug reports
    worker.addEventListener('error', () => stop('WorkerError'));
  }).then(() => {
    running = null;
    if (again) {
      again = false;
      compactInWorker(onError);
    }
  });
}
