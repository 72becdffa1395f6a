/**
 * The one place that talks HTTP to Meta's Graph API. It paces calls per account, reads usage
 * headers, and turns every failure into a classified GraphError. Tokens travel in the
 * Authorization header so they never appear in a URL, a log line or an error message.
 */
import { GraphError, classifyGraphError, describeGraphErrorKind } from './errors';
import { parseErrorBody } from './parse';
import { RateBudget, readUsageHeaders, realClock, type Clock } from './rate-budget';

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
  /** Calls with the same key share Meta's per-account rate budget (2 calls/s). */
  budgetKey?: string;
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

export class GraphClient {
  readonly budget: RateBudget;
  private readonly fetchImpl: typeof fetch;
  private readonly clock: Clock;

  constructor(private readonly options: GraphClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.clock = options.clock ?? realClock;
    this.budget = options.budget ?? new RateBudget(2, this.clock);
  }

  async request(req: GraphRequest): Promise<unknown> {
    if (req.budgetKey !== undefined) {
      const ok = await this.budget.take(req.budgetKey);
      if (!ok) {
        throw new GraphError({
          kind: 'rate-limit',
          message: describeGraphErrorKind('rate-limit'),
          retryAfterMs: this.budget.blockedUntil(req.budgetKey) - this.clock.now(),
        });
      }
    }
    const base = (await this.options.baseUrl()).replace(/\/+$/, '');
    const url = new URL(base + (req.path.startsWith('/') ? req.path : `/${req.path}`));
    for (const [k, v] of Object.entries(req.params ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
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
      response = await this.fetchImpl(url.href, {
        method: req.method ?? 'GET',
        headers,
        body,
        signal: AbortSignal.timeout(req.timeoutMs ?? this.options.timeoutMs ?? 30_000),
      });
    } catch {
      throw new GraphError({ kind: 'network', message: describeGraphErrorKind('network') });
    }

    if (req.budgetKey !== undefined) this.applyUsage(req.budgetKey, response.headers);

    const text = await response.text().catch(() => null);
    let parsed: unknown = undefined;
    if (text !== null) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = undefined;
      }
    }
    const graphError = parseErrorBody(parsed);
    if (graphError || !response.ok) {
      const code = graphError?.code ?? null;
      const subcode = graphError?.subcode ?? null;
      const kind = graphError ? classifyGraphError(code, subcode, response.status) : response.status >= 500 ? 'transient' : 'unknown';
      let retryAfterMs: number | null = null;
      if (kind === 'rate-limit' && req.budgetKey !== undefined) {
        const usage = readUsageHeaders(response.headers);
        retryAfterMs = Math.max(usage.regainMs, 60_000);
        this.budget.block(req.budgetKey, this.clock.now() + retryAfterMs);
      }
      throw new GraphError({ kind, message: describeGraphErrorKind(kind), code, subcode, httpStatus: response.status, retryAfterMs });
    }
    if (parsed === undefined) {
      throw new GraphError({ kind: 'malformed', message: describeGraphErrorKind('malformed'), httpStatus: response.status });
    }
    return parsed;
  }

  private applyUsage(key: string, headers: Headers): void {
    const { percent, regainMs } = readUsageHeaders(headers);
    if (percent >= 100) this.budget.block(key, this.clock.now() + Math.max(regainMs, 10_000));
    else if (percent >= SLOW_DOWN_PERCENT) this.budget.block(key, this.clock.now() + (percent - SLOW_DOWN_PERCENT + 1) * 100);
  }
}
