/**
 * The one place that talks HTTP to Meta's Graph API. It paces calls per account, reads usage
 * headers, and turns every failure into a classified GraphError. Tokens travel in the
 * Authorization header so they never appear in a URL, a log line or an error message.
 */
import { GraphError, classifyGraphError, describeGraphErrorKind } from './errors';
import { parseErrorBody } from './parse';
import { logDiagnostic } from '../diagnostics';
import { RateBudget, readUsageHeaders, realClock, type BlockScope, type BudgetKind, type Clock } from './rate-budget';

export interface GraphRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Path below the versioned base, e.g. `/me/accounts` or `/123/conversations`. */
  path: string;
  token: string;
  params?: Record<string, string | number | undefined>;
  /** JSON body for POST. */
  json?: unknown;
  /** Multipart body for uploads. */
  form?: FormData;
  /**
   * Calls with the same key share Meta's per-account rate budget (reads 2 calls/s, sends 100/s)
   * and its blocks. Without a key a call still waits for an app- or user-wide block.
   */
  budgetKey?: string;
  /** How long the call may wait for its slot before it fails as rate-limited (default 10 s). */
  budgetWaitMs?: number;
  /** Gives up after this long (default 30 s). */
  timeoutMs?: number;
}

export interface GraphClientOptions {
  baseUrl: () => Promise<string>;
  fetch?: typeof fetch;
  budget?: RateBudget;
  clock?: Clock;
  timeoutMs?: number;
}

/** Above this usage percentage we leave a gap before the next call (Meta throttles near 100). */
const SLOW_DOWN_PERCENT = 80;
/** How long a call may wait for its rate-limit slot before failing as rate-limited. */
const DEFAULT_BUDGET_WAIT_MS = 10_000;
/** A rate limit without Meta's estimate of when access returns blocks this long. */
const RATE_LIMIT_DEFAULT_WAIT_MS = 60_000;

export class GraphClient {
  readonly budget: RateBudget;
  readonly #fetchImpl: typeof fetch;
  readonly #clock: Clock;

  readonly #options: GraphClientOptions;
  constructor(options: GraphClientOptions) {
    this.#options = options;
    this.#fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.#clock = options.clock ?? realClock;
    this.budget = options.budget ?? new RateBudget(2, this.#clock);
  }

  async request(req: GraphRequest): Promise<unknown> {
    const key = req.budgetKey ?? null;
    // Reads spend the account's 2 calls/s; sends, uploads and reactions the Send API's own rate.
    // Both wait for the account's blocks, and every call waits for an app- or user-wide one.
    const kind: BudgetKind = (req.method ?? 'GET') === 'GET' ? 'read' : 'send';
    const ok = await this.budget.take(key, req.budgetWaitMs ?? DEFAULT_BUDGET_WAIT_MS, kind);
    if (!ok) {
      throw new GraphError({
        kind: 'rate-limit',
        message: describeGraphErrorKind('rate-limit'),
        retryAfterMs: Math.max(0, this.budget.nextSlot(key, kind) - this.#clock.now()),
      });
    }
    const base = (await this.#options.baseUrl()).replace(/\/+$/, '');
    const url = new URL(base + (req.path.startsWith('/') ? req.path : `/${req.path}`));
    for (const [k, v] of Object.entries(req.params ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    // i18n-exempt: an HTTP header, not words
    const headers: Record<string, string> = { Authorization: `Bearer ${req.token}` };
    let body: BodyInit | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      body = req.form;
    }

    let response: Response;
    try {
      response = await this.#fetchImpl(url.href, {
        method: req.method ?? 'GET',
        headers,
        body,
        signal: AbortSignal.timeout(req.timeoutMs ?? this.#options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      logDiagnostic('graph', 'A Graph call failed before Meta answered', e);
      throw new GraphError({ kind: 'network', message: describeGraphErrorKind('network') });
    }

    let text: string | null;
    try {
      text = await response.text();
    } catch (e) {
      logDiagnostic('graph', 'The answer to a Graph call was cut off', e);
      text = null;
    }
    let parsed: unknown = undefined;
    if (text !== null) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch (e) {
        // Not JSON: classified below from the HTTP status (a 200 becomes 'malformed').
        logDiagnostic('graph', `Meta answered HTTP ${response.status} with a body that is not JSON`, e);
        parsed = undefined;
      }
    }
    const graphError = this.observe(key, response.status, response.headers, parsed);
    if (graphError) throw graphError;
    if (parsed === undefined) {
      throw new GraphError({ kind: 'malformed', message: describeGraphErrorKind('malformed'), httpStatus: response.status });
    }
    return parsed;
  }

  /**
   * Feeds one answer into the rate budget (usage headers, rate-limit errors) and returns its error,
   * if any. Used for every plain call and for every part of a batch answer, which carries its own
   * status, headers and body.
   */
  observe(key: string | null, status: number, headers: Headers, body: unknown): GraphError | null {
    this.#applyUsage(key, headers);
    const graphError = parseErrorBody(body);
    if (!graphError && status >= 200 && status < 300) return null;
    const code = graphError?.code ?? null;
    const subcode = graphError?.subcode ?? null;
    const kind = graphError ? classifyGraphError(code, subcode, status) : status >= 500 ? 'transient' : 'unknown';
    let retryAfterMs: number | null = null;
    if (kind === 'rate-limit') {
      const usage = readUsageHeaders(headers);
      retryAfterMs = Math.max(usage.regainMs, RATE_LIMIT_DEFAULT_WAIT_MS);
      const scope = rateLimitScope(code);
      this.budget.block(key, this.#clock.now() + retryAfterMs, scope);
      logDiagnostic(
        'graph',
        scope === 'account' ? 'Meta rate-limited one account' : `Meta rate-limited the whole ${scope}: every account waits`,
        new GraphError({ kind, message: describeGraphErrorKind(kind), code, subcode, httpStatus: status, retryAfterMs }),
      );
    }
    return new GraphError({ kind, message: describeGraphErrorKind(kind), code, subcode, httpStatus: status, retryAfterMs });
  }

  #applyUsage(key: string | null, headers: Headers): void {
    const { appPercent, businessPercent, regainMs } = readUsageHeaders(headers);
    const now = this.#clock.now();
    const slowDown = (percent: number, key: string | null, scope: BlockScope): void => {
      if (percent >= 100) this.budget.block(key, now + Math.max(regainMs, 10_000), scope);
      else if (percent >= SLOW_DOWN_PERCENT) this.budget.block(key, now + (percent - SLOW_DOWN_PERCENT + 1) * 100, scope);
    };
    // Meta counts calls made with a Page token per business (X-Business-Use-Case-Usage), and calls
    // made with a user or app token against the app's platform limit (X-App-Usage).
    if (key === null) slowDown(appPercent, null, 'platform');
    else slowDown(businessPercent, key, 'account');
  }
}

/** Meta's rate-limit codes by whom they limit: 4 the app, 17 the user, the others one account. */
export function rateLimitScope(code: number | null): BlockScope {
  if (code === 4) return 'app';
  if (code === 17) return 'user';
  return 'account';
}
