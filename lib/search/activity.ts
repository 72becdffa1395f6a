/**
 * Whether a search query is running in this page: the side panel's startup holds its big reads
 * back while one runs (lib/models/inbox-startup.ts), so that a query typed as the panel opens is
 * not queued behind them. Kept on the page's global object under a registered symbol, so that
 * every script of the page shares it (a page can hold two copies of this module: the bench
 * injects a bundle of its own).
 */
const KEY = Symbol.for('dm-desk.search.activity');

interface Activity {
  running: number;
  idle: Array<() => void>;
}

function activity(): Activity {
  const page = globalThis as unknown as Record<symbol, Activity | undefined>;
  return (page[KEY] ??= { running: 0, idle: [] });
}

/** Runs a query, counted as running until it settles. */
export async function whileSearching<T>(run: () => Promise<T>): Promise<T> {
  const a = activity();
  a.running += 1;
  try {
    return await run();
  } finally {
    a.running -= 1;
    if (a.running === 0) for (const done of a.idle.splice(0)) done();
  }
}

/** Resolves once no query is running (at once when none is). */
export function searchIdle(): Promise<void> {
  const a = activity();
  return a.running === 0 ? Promise.resolve() : new Promise((resolve) => a.idle.push(resolve));
}
