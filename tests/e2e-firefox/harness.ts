/**
 * A tiny sequential test runner: named checks that share one Firefox session, each with its own
 * time limit. A check whose prerequisite failed is reported as failed without running. The output
 * ends with a plain `N passed, N failed` line.
 */

interface Check {
  name: string;
  fn: () => Promise<void>;
  needs: string[];
  timeout: number;
}

const checks: Check[] = [];

/** Registers a check; `needs` names earlier checks that must have passed. */
export function check(name: string, fn: () => Promise<void>, opts: { needs?: string[]; timeout?: number } = {}): void {
  checks.push({ name, fn, needs: opts.needs ?? [], timeout: opts.timeout ?? 20_000 });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function message(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** Runs every registered check in order, then `teardown`; returns the number of failures. */
export async function runChecks(teardown: () => Promise<void>): Promise<number> {
  const passed = new Set<string>();
  let failed = 0;
  for (const c of checks) {
    const missing = c.needs.filter((n) => !passed.has(n));
    if (missing.length) {
      failed++;
      console.log(`✘ ${c.name}\n    not run: needs "${missing.join('", "')}"`);
      continue;
    }
    const start = Date.now();
    try {
      await withTimeout(c.fn(), c.timeout, c.name);
      passed.add(c.name);
      console.log(`✔ ${c.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`✘ ${c.name} (${Date.now() - start} ms)\n    ${message(e).split('\n').join('\n    ')}`);
    }
  }
  try {
    await withTimeout(teardown(), 15_000, 'teardown');
  } catch (e) {
    console.log(`(teardown: ${message(e)})`);
  }
  console.log(`${passed.size} passed, ${failed} failed`);
  return failed;
}

/**
 * Retries `fn` every 100 ms until it returns without throwing (like Playwright's auto-waiting
 * `expect`); after `timeout` ms throws the last error.
 */
export async function until<T>(fn: () => Promise<T>, opts: { timeout?: number; interval?: number } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeout ?? 10_000);
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() >= deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, opts.interval ?? 100));
  }
}
