/**
 * Meta allows 2 Conversations-API calls per second per Instagram account. Each account gets a token
 * bucket; usage headers and rate-limit errors push its next allowed call into the future.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface Bucket {
  tokens: number;
  refilledAt: number;
  blockedUntil: number;
}

export class RateBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond = 2,
    private readonly clock: Clock = realClock,
  ) {}

  /** When the next call for `key` may start (epoch ms). */
  nextSlot(key: string): number {
    const b = this.bucket(key);
    const tokenAt = b.tokens >= 1 ? this.clock.now() : b.refilledAt + ((1 - b.tokens) * 1000) / this.perSecond;
    return Math.max(tokenAt, b.blockedUntil);
  }

  /** Waits for a slot (at most `maxWaitMs`); returns false if the wait would be longer. */
  async take(key: string, maxWaitMs = 10_000): Promise<boolean> {
    for (;;) {
      const wait = this.nextSlot(key) - this.clock.now();
      if (wait > maxWaitMs) return false;
      if (wait > 0) await this.clock.sleep(wait);
      const b = this.bucket(key);
      if (b.tokens >= 1 && b.blockedUntil <= this.clock.now()) {
        b.tokens -= 1;
        return true;
      }
    }
  }

  /** Stop calls for `key` until `until` (epoch ms). */
  block(key: string, until: number): void {
    const b = this.bucket(key);
    b.blockedUntil = Math.max(b.blockedUntil, until);
  }

  blockedUntil(key: string): number {
    return this.bucket(key).blockedUntil;
  }

  private bucket(key: string): Bucket {
    const now = this.clock.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.perSecond, refilledAt: now, blockedUntil: 0 };
      this.buckets.set(key, b);
    }
    const elapsed = now - b.refilledAt;
    if (elapsed > 0) {
      b.tokens = Math.min(this.perSecond, b.tokens + (elapsed * this.perSecond) / 1000);
      b.refilledAt = now;
    }
    return b;
  }
}

/**
 * Reads `X-Business-Use-Case-Usage` and `X-App-Usage`. Returns the highest usage percentage and
 * Meta's estimate of when access returns (ms), so callers can slow down before being throttled.
 */
export function readUsageHeaders(headers: Headers): { percent: number; regainMs: number } {
  let percent = 0;
  let regainMs = 0;
  const consider = (entry: unknown): void => {
    if (typeof entry !== 'object' || entry === null) return;
    const e = entry as Record<string, unknown>;
    for (const key of ['call_count', 'total_cputime', 'total_time']) {
      const v = e[key];
      if (typeof v === 'number' && v > percent) percent = v;
    }
    const regain = e['estimated_time_to_regain_access'];
    if (typeof regain === 'number' && regain * 60_000 > regainMs) regainMs = regain * 60_000;
  };
  const buc = parseHeaderJson(headers.get('x-business-use-case-usage'));
  if (buc && typeof buc === 'object') {
    for (const list of Object.values(buc as Record<string, unknown>)) {
      if (Array.isArray(list)) list.forEach(consider);
    }
  }
  consider(parseHeaderJson(headers.get('x-app-usage')));
  return { percent, regainMs };
}

function parseHeaderJson(value: string | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}
