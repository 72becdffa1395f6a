/**
 * Reads a person is waiting for in this page (a search query, a page of the open thread) go before
 * the page's big background reads (a whole list of conversations, the desk records). Those are
 * read in pages and wait between pages while such a read runs or has just ended, so that a thread
 * scrolled while the panel opens, or a query typed then, is not queued behind 100,000 rows.
 *
 * Kept on the page's global object under a registered symbol, so that every script of the page
 * shares it (a page can hold two copies of this module: the bench injects a bundle of its own).
 */
const KEY = Symbol.for('dm-desk.foreground-reads');

/** A background read's next page waits until no foreground read ended this recently… */
export const QUIET_MS = 150;
/** …but never longer than this: the list fills in, page by page, even while someone keeps scrolling. */
export const MAX_PAUSE_MS = 1000;

interface Activity {
  running: number;
  /** When the last foreground read ended (performance.now()), -Infinity before the first. */
  lastEnd: number;
  idle: Array<() => void>;
}

function activity(): Activity {
  const page = globalThis as unknown as Record<symbol, Activity | undefined>;
  return (page[KEY] ??= { running: 0, lastEnd: -Infinity, idle: [] });
}

const clock = (): number => performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs a read a person waits for, counted as running until it settles. */
export async function whileForeground<T>(run: () => Promise<T>): Promise<T> {
  const a = activity();
  a.running += 1;
  try {
    return await run();
  } finally {
    a.running -= 1;
    a.lastEnd = clock();
    if (a.running === 0) for (const done of a.idle.splice(0)) done();
  }
}

/** Resolves once no foreground read is running (at once when none is). */
export function foregroundIdle(): Promise<void> {
  const a = activity();
  return a.running === 0 ? Promise.resolve() : new Promise((resolve) => a.idle.push(resolve));
}

/** How a background read goes on after a pause: 'busy' while reads a person waits for keep coming. */
export type Pace = 'quiet' | 'busy';

/** A foreground read that ended less than this ago makes the next page a small one. */
export const BUSY_MS = 1000;

/**
 * The pause before a page of a background read: until no foreground read runs and the last ended
 * QUIET_MS ago, at most MAX_PAUSE_MS. 'busy' when one ended less than BUSY_MS ago (or still runs):
 * the next page should then be small, so that the next page of the thread does not wait behind it.
 */
export async function betweenPages(): Promise<Pace> {
  const start = clock();
  for (;;) {
    const a = activity();
    const now = clock();
    const quietFor = now - a.lastEnd;
    if ((a.running === 0 && quietFor >= QUIET_MS) || now - start >= MAX_PAUSE_MS) {
      return a.running > 0 || quietFor < BUSY_MS ? 'busy' : 'quiet';
    }
    await sleep(Math.min(MAX_PAUSE_MS - (now - start), a.running > 0 ? QUIET_MS : QUIET_MS - quietFor));
  }
}
