/**
 * Retries `fn` every 100 ms until it returns without throwing, then returns its value: for reads of
 * a page that settles over time, like Playwright's auto-waiting `expect` (whose `toPass` cannot
 * return a value and reports a timeout without the last error). After `timeout` ms it throws the
 * last error, so a failure says what was last seen.
 */
export async function eventually<T>(fn: () => Promise<T>, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() >= deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
