/**
 * Meta's rate limits, kept per Instagram account. Each account has two token buckets, one for reads
 * (the Conversations API allows 2 calls/s per account) and one for sends, uploads and reactions
 * (the Send API allows 100 calls/s per account, the lower of the two figures Meta publishes). Usage
 * headers and rate-limit errors block an account, or every account when Meta limits the whole app
 * or the whole user, until the time Meta gives.
 *
 * Blocks outlive the worker: an MV3 background worker stops after about 30 s idle, and a fresh one
 * must not ask an account Meta told us to leave alone. They are kept in the extension's session
 * storage (cleared when the browser quits; the sync state in IndexedDB also records when each
 * account may be asked again). A new RateBudget loads them before its first call.
 */
import { storage } from '../storage';
import { logDiagnostic } from '../diagnostics';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What a call spends: a read (2/s per account) or a send, upload or reaction (100/s per account). */
export type BudgetKind = 'read' | 'send';

/**
 * Who a block applies to. Meta's code 4 limits the app and 17 the user: both stop every account
 * this installation talks to. Everything else (32, 613, 80002, 80006, usage headers of a Page
 * token) concerns one account. 'platform' is what `X-App-Usage` measures: calls made with a user or
 * app token (no account's budget); Page-token calls are counted per account instead.
 */
export type BlockScope = 'account' | 'user' | 'app' | 'platform';

/** Where blocks are kept across worker restarts: key → epoch ms until which it is blocked. */
export interface BlockStore {
  load(): Promise<Record<string, number>>;
  save(blocks: Record<string, number>): Promise<void>;
}

const blocksItem = /* @__PURE__ */ storage.defineItem<Record<string, number>>('session:graph.rateBlocks', { fallback: {} });

export const sessionBlockStore: BlockStore = {
  load: async () => {
    const value = await blocksItem.getValue();
    return value && typeof value === 'object' ? value : {};
  },
  save: (blocks) => blocksItem.setValue(blocks),
};

/** Blocks kept only in memory (tests that want a budget of their own). */
export function memoryBlockStore(initial: Record<string, number> = {}): BlockStore {
  let saved = { ...initial };
  return {
    load: async () => ({ ...saved }),
    save: async (blocks) => {
      saved = { ...blocks };
    },
  };
}

/**
 * Meta's Send API allows 100 calls/s per Instagram account by its Graph rate-limit page (its Messenger
 * Platform page says 300): the lower figure.
 */
export const SEND_PER_SECOND = 100;

/** Refills are fractional: a bucket this close to a whole token has one. */
const TOKEN_EPSILON = 1e-9;

const APP_KEY = '*app';
const USER_KEY = '*user';
const PLATFORM_KEY = '*platform';

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export interface RateBudgetOptions {
  /** Calls per second for sends, uploads and reactions (default 100). */
  sendPerSecond?: number;
  /** Where blocks survive a worker restart (default: the extension's session storage). */
  store?: BlockStore;
}

export class RateBudget {
  readonly #buckets = new Map<string, Bucket>();
  readonly #blocks = new Map<string, number>();
  readonly #sendPerSecond: number;
  readonly #store: BlockStore;
  #loading: Promise<void> | null = null;
  #saving: Promise<void> = Promise.resolve();

  readonly #perSecond: number;
  readonly #clock: Clock;

  constructor(perSecond = 2, clock: Clock = realClock, options: RateBudgetOptions = {}) {
    this.#perSecond = perSecond;
    this.#clock = clock;
    this.#sendPerSecond = options.sendPerSecond ?? SEND_PER_SECOND;
    this.#store = options.store ?? sessionBlockStore;
  }

  /** Resolves once the blocks an earlier worker left are loaded (at most one read, ever). */
  ready(): Promise<void> {
    this.#loading ??= this.#store
      .load()
      .then((saved) => {
        for (const [key, until] of Object.entries(saved)) {
          if (typeof until === 'number' && Number.isFinite(until)) this.#blocks.set(key, Math.max(this.#blocks.get(key) ?? 0, until));
        }
      })
      .catch((e: unknown) => logDiagnostic('graph', 'Could not read the rate-limit blocks kept from an earlier worker', e));
    return this.#loading;
  }

  /** When the next call for `key` may start (epoch ms); `null` key: calls that spend no account's budget. */
  nextSlot(key: string | null, kind: BudgetKind = 'read'): number {
    const blocked = this.blockedUntil(key);
    if (key === null) return Math.max(this.#clock.now(), blocked);
    const rate = this.#rate(kind);
    const b = this.#bucket(key, kind);
    const tokenAt = b.tokens >= 1 - TOKEN_EPSILON ? this.#clock.now() : b.refilledAt + ((1 - b.tokens) * 1000) / rate;
    return Math.max(tokenAt, blocked);
  }

  /** Waits for a slot (at most `maxWaitMs`); returns false if the wait would be longer. */
  async take(key: string | null, maxWaitMs = 10_000, kind: BudgetKind = 'read'): Promise<boolean> {
    await this.ready();
    for (;;) {
      const wait = this.nextSlot(key, kind) - this.#clock.now();
      if (wait > maxWaitMs) return false;
      // Whole milliseconds: a fraction left by a refill rate like 1000/3 ms must not spin.
      if (wait > 0) await this.#clock.sleep(Math.ceil(wait));
      if (this.blockedUntil(key) > this.#clock.now()) continue;
      if (key === null) return true;
      const b = this.#bucket(key, kind);
      if (b.tokens >= 1 - TOKEN_EPSILON) {
        b.tokens = Math.max(0, b.tokens - 1);
        return true;
      }
    }
  }

  /**
   * Stop calls until `until` (epoch ms): for the account `key`, or for every account when the
   * scope is the app or the user. The block is kept across worker restarts.
   */
  block(key: string | null, until: number, scope: BlockScope = 'account'): void {
    const target = scope === 'app' ? APP_KEY : scope === 'user' ? USER_KEY : scope === 'platform' ? PLATFORM_KEY : key;
    if (target === null || !(until > this.#clock.now())) return;
    if ((this.#blocks.get(target) ?? 0) >= until) return;
    this.#blocks.set(target, until);
    this.#persist();
  }

  /**
   * Until when calls for `key` are blocked (its own block or an app- or user-wide one; for calls
   * without a key, the platform's); 0 if not.
   */
  blockedUntil(key: string | null): number {
    const own = this.#blocks.get(key ?? PLATFORM_KEY) ?? 0;
    const until = Math.max(own, this.#blocks.get(APP_KEY) ?? 0, this.#blocks.get(USER_KEY) ?? 0);
    return until > this.#clock.now() ? until : 0;
  }

  /** Resolves once every block set so far is stored (tests, and before a worker may stop). */
  async flush(): Promise<void> {
    await this.#saving;
  }

  #persist(): void {
    this.#saving = this.#saving
      .then(() => this.ready())
      .then(() => {
        const now = this.#clock.now();
        const live: Record<string, number> = {};
        for (const [key, until] of this.#blocks) if (until > now) live[key] = until;
        return this.#store.save(live);
      })
      .catch((e: unknown) => logDiagnostic('graph', 'Could not keep a rate-limit block for the next worker', e));
  }

  #rate(kind: BudgetKind): number {
    return kind === 'send' ? this.#sendPerSecond : this.#perSecond;
  }

  #bucket(key: string, kind: BudgetKind): Bucket {
    const now = this.#clock.now();
    const rate = this.#rate(kind);
    const id = `${kind}:${key}`;
    let b = this.#buckets.get(id);
    if (!b) {
      b = { tokens: rate, refilledAt: now };
      this.#buckets.set(id, b);
    }
    const elapsed = now - b.refilledAt;
    if (elapsed > 0) {
      b.tokens = Math.min(rate, b.tokens + (elapsed * rate) / 1000);
      b.refilledAt = now;
    }
    return b;
  }
}

export interface Usage {
  /** The highest usage percentage in either header. */
  percent: number;
  /** `X-App-Usage`: how much of the app's own limit is used (applies to every account). */
  appPercent: number;
  /** `X-Business-Use-Case-Usage`: how much of the account's (Page's or IG account's) limit is used. */
  businessPercent: number;
  /** Meta's estimate of when access returns (ms), 0 when it gives none. */
  regainMs: number;
}

/**
 * Reads `X-Business-Use-Case-Usage` and `X-App-Usage`: the usage percentages and Meta's estimate of
 * when access returns, so callers can slow down before being throttled.
 */
export function readUsageHeaders(headers: Headers): Usage {
  let regainMs = 0;
  const highest = (entry: unknown): number => {
    if (typeof entry !== 'object' || entry === null) return 0;
    const e = entry as Record<string, unknown>;
    let percent = 0;
    for (const key of ['call_count', 'total_cputime', 'total_time']) {
      const v = e[key];
      if (typeof v === 'number' && Number.isFinite(v) && v > percent) percent = v;
    }
    const regain = e['estimated_time_to_regain_access'];
    if (typeof regain === 'number' && Number.isFinite(regain) && regain * 60_000 > regainMs) regainMs = regain * 60_000;
    return percent;
  };
  let businessPercent = 0;
  const buc = parseHeaderJson(headers.get('x-business-use-case-usage'));
  if (buc && typeof buc === 'object') {
    for (const list of Object.values(buc as Record<string, unknown>)) {
      if (Array.isArray(list)) for (const entry of list) businessPercent = Math.max(businessPercent, highest(entry));
    }
  }
  const appPercent = highest(parseHeaderJson(headers.get('x-app-usage')));
  return { percent: Math.max(appPercent, businessPercent), appPercent, businessPercent, regainMs };
}

function parseHeaderJson(value: string | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch (e) {
    logDiagnostic('graph', 'Meta sent a usage header that is not JSON', e);
    return null;
  }
}
