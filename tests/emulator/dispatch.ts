// Graph request pipeline: faults → routing → JSON/error body → Meta-like headers → request log.
import { READ_CAPACITY, READ_PER_SECOND } from './auth';
import { param, type Env, type GraphRequest, type GraphResponse } from './context';
import { parseFields } from './fields';
import { routeGraph } from './graph';
import { parseLimit } from './render';
import { bucketUsage, type Fault } from './state';
import { Errors, GraphError, isObject, randomTraceId, type Json } from './util';

export const API_VERSION = 'v24.0';
const REV = '1029384756';
const MAX_BATCH = 50;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Requested item count of a read: `limit` × the nested `messages.limit(n)` (or `limit` alone on an edge). */
export function requestedDataSize(req: GraphRequest): number | null {
  if (req.method.toUpperCase() !== 'GET') return null;
  const limit = parseLimit(param(req, 'limit'));
  const isList = /\/(conversations|messages)$/.test(req.path);
  let nested = 1;
  const raw = param(req, 'fields');
  if (raw) {
    try {
      const msgs = parseFields(raw).find((f) => f.name === 'messages');
      if (msgs) nested = msgs.limit ?? 25;
    } catch {
      // A malformed fields list is answered by the handler with code 100.
      return null;
    }
  }
  if (!isList && nested === 1) return null;
  return (isList ? limit : 1) * nested;
}

function faultApplies(env: Env, f: Fault, req: GraphRequest, fullPath: string): boolean {
  if (!fullPath.includes(f.match)) return false;
  if (f.method && f.method.toUpperCase() !== req.method.toUpperCase()) return false;
  if (f.pageId) {
    const tok = req.token ? env.state.tokens.get(req.token) : undefined;
    if (tok?.pageId !== f.pageId) return false;
  }
  if (f.untilMs !== undefined && env.now() >= f.untilMs) return false;
  if (f.kind === 'cursor_stuck' && !req.params.has('after')) return false;
  if (f.kind === 'data_size') {
    const size = requestedDataSize(req);
    if (size === null || size <= (f.maxData ?? 100)) return false;
  }
  return true;
}

function takeFault(env: Env, req: GraphRequest): Fault | undefined {
  const fullPath = `/${API_VERSION}${req.path}`;
  const state = env.state;
  // Rate limits whose regain time has passed are over.
  state.faults = state.faults.filter((x) => x.untilMs === undefined || env.now() < x.untilMs);
  const f = state.faults.find((x) => faultApplies(env, x, req, fullPath));
  if (!f) return undefined;
  if (!f.unlimited) {
    f.remaining -= 1;
    if (f.remaining <= 0) state.faults = state.faults.filter((x) => x !== f);
  }
  return f;
}

function regainMinutesLeft(env: Env, f: Fault | undefined): number | undefined {
  if (f?.kind !== 'rate_limit' || f.regainMinutes === undefined) return undefined;
  if (f.untilMs === undefined) return f.regainMinutes;
  return Math.max(1, Math.ceil((f.untilMs - env.now()) / 60_000));
}

function usageHeaders(
  env: Env,
  req: GraphRequest,
  throttled: boolean,
  fault: Fault | undefined,
): { headers: Record<string, string>; pageId?: string } {
  const state = env.state;
  state.appCalls += 1;
  const rateFault = fault?.kind === 'rate_limit' ? fault : undefined;
  const appWide = rateFault && (rateFault.code === 4 || rateFault.code === 17);
  const appPct = appWide ? 100 : Math.min(100, Math.floor(state.appCalls / 50));
  const headers: Record<string, string> = {
    'x-fb-trace-id': randomTraceId(),
    'x-fb-rev': REV,
    'X-App-Usage': JSON.stringify({
      call_count: appPct,
      total_cputime: appWide ? 100 : Math.floor(appPct / 2),
      total_time: appWide ? 100 : Math.floor(appPct / 2),
    }),
  };
  const regain = regainMinutesLeft(env, fault);
  const tok = req.token ? state.tokens.get(req.token) : undefined;
  const pageId = tok?.kind === 'page' ? tok.pageId : rateFault?.pageId;
  if (!pageId) return { headers };
  const pct = throttled ? 100 : bucketUsage(state, `read:${pageId}`, READ_CAPACITY, READ_PER_SECOND, env.now());
  headers['X-Business-Use-Case-Usage'] = JSON.stringify({
    [pageId]: [
      {
        type: 'pages',
        call_count: pct,
        total_cputime: throttled ? 100 : Math.floor(pct / 4),
        total_time: throttled ? 100 : Math.floor(pct / 3),
        // Minutes, as Meta reports it. Our own throttle clears in well under a minute, so 0 unless a fault says otherwise.
        estimated_time_to_regain_access: regain ?? 0,
      },
    ],
  });
  return { headers, ...(tok?.kind === 'page' && tok.pageId ? { pageId: tok.pageId } : {}) };
}

/** Run one Graph call (top-level or batch part) and log it. */
export async function dispatchGraph(env: Env, req: GraphRequest): Promise<GraphResponse> {
  const res = await dispatchInner(env, req);
  const query: Record<string, string> = {};
  for (const [k, v] of req.params) if (k !== 'access_token') query[k] = typeof v === 'string' ? v : JSON.stringify(v);
  env.state.requests.push({
    method: req.method.toUpperCase(),
    path: `/${API_VERSION}${req.path}`,
    query,
    status: res.action ? 0 : res.status,
    at: new Date(env.now()).toISOString(),
    ...(res.pageId ? { pageId: res.pageId } : {}),
    ...(req.batch ? { batch: true } : {}),
    ...(res.fault ? { fault: res.fault } : {}),
  });
  if (env.state.requests.length > 5000) env.state.requests.splice(0, 1000);
  return res;
}

/** The same call again, as an absolute URL: a `next` link that does not advance. */
function sameCallUrl(env: Env, req: GraphRequest): string {
  const q = new URLSearchParams();
  if (req.token) q.set('access_token', req.token);
  for (const [k, v] of req.params) if (k !== 'access_token') q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return `${env.graphBase}${req.path}?${q.toString()}`;
}

function stickCursor(env: Env, req: GraphRequest, body: string): string {
  let parsed: Json;
  try {
    parsed = JSON.parse(body) as Json;
  } catch {
    // Not a JSON answer: there is no paging cursor to pin.
    return body;
  }
  if (!isObject(parsed)) return body;
  const after = param(req, 'after') ?? '';
  const paging = isObject(parsed.paging) ? parsed.paging : {};
  const cursors = isObject(paging.cursors) ? paging.cursors : {};
  parsed.paging = { ...paging, cursors: { ...cursors, after }, next: sameCallUrl(env, req) } as Json;
  return JSON.stringify(parsed);
}

const DATA_SIZE_MESSAGE = "Please reduce the amount of data you're asking for, then retry your request";

async function dispatchInner(env: Env, req: GraphRequest): Promise<GraphResponse> {
  let body: string;
  let status = 200;
  let throttled = false;
  let action: GraphResponse['action'];
  const fault = takeFault(env, req);
  try {
    if (fault?.kind === 'latency' || fault?.kind === 'hold') await sleep(fault.latencyMs);
    else if (fault?.kind === 'timeout') {
      return { status: 0, headers: {}, body: '', action: 'hang', fault: fault.kind };
    } else if (fault?.kind === 'status') throw Errors.transient(fault.status);
    else if (fault?.kind === 'rate_limit') throw Errors.rateLimitedWith(fault.code ?? 80002);
    else if (fault?.kind === 'token_expired') throw Errors.expired(env.now() - 1000, env.now());
    else if (fault?.kind === 'permission') throw Errors.permission();
    else if (fault?.kind === 'data_size') throw new GraphError({ message: DATA_SIZE_MESSAGE, code: 1, status: 500 });
    if (req.method.toUpperCase() === 'POST' && (req.path === '/' || req.path === '')) {
      const batch = await runBatch(env, req);
      body = JSON.stringify(batch.parts);
      action = batch.action;
    } else {
      body = JSON.stringify((await routeGraph(env, req)).body);
    }
  } catch (e) {
    const err = e instanceof GraphError ? e : new GraphError({ message: 'An unknown error has occurred.', code: 1, status: 500 });
    if (!(e instanceof GraphError)) console.error('[emulator] handler crashed', e);
    status = err.status;
    throttled = err.code === 80002 || fault?.kind === 'rate_limit';
    body = JSON.stringify(err.body());
  }
  // The call was processed (successfully or not); now its answer is lost or spoiled.
  if (fault?.kind === 'malformed' || fault?.kind === 'processed_cut') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  else if (fault?.kind === 'processed_drop') action = 'drop';
  else if (fault?.kind === 'processed_reset') action = 'reset';
  else if (fault?.kind === 'cursor_stuck' && status === 200) body = stickCursor(env, req, body);
  else if (fault?.kind === 'processed_status') {
    const err =
      fault.code === 1
        ? new GraphError({ message: 'Received invalid JSON reply', code: 1, subcode: 1357046, status: fault.status })
        : Errors.transient(fault.status);
    status = err.status;
    body = JSON.stringify(err.body());
  }
  const { headers, pageId } = usageHeaders(env, req, throttled, fault);
  headers['Content-Type'] = 'application/json; charset=UTF-8';
  return { status, headers, body, ...(pageId ? { pageId } : {}), ...(action ? { action } : {}), ...(fault ? { fault: fault.kind } : {}) };
}

/** `POST /` with `batch=[{method, relative_url, body?}, ...]` → `[{code, headers, body}]`. */
async function runBatch(env: Env, req: GraphRequest): Promise<{ parts: Json[]; action?: GraphResponse['action'] }> {
  let raw = req.params.get('batch');
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw) as Json;
    } catch {
      throw Errors.param('The parameter batch must be a JSON array');
    }
  }
  if (!Array.isArray(raw))
    throw Errors.param(raw === undefined ? 'The parameter batch is required' : 'The parameter batch must be a JSON array');
  if (raw.length > MAX_BATCH) throw Errors.param(`Too many requests in batch message. Maximum batch size is ${MAX_BATCH}`);
  const out: Json[] = [];
  let action: GraphResponse['action'];
  for (const item of raw) {
    if (!isObject(item) || typeof item.relative_url !== 'string') {
      out.push(null);
      continue;
    }
    const rel = item.relative_url.replace(/^\/+/, '').replace(/^v\d+\.\d+\//, '');
    const [path = '', qs = ''] = rel.split('?');
    const params = new Map<string, string | Json>(new URLSearchParams(qs));
    if (typeof item.body === 'string') for (const [k, v] of new URLSearchParams(item.body)) params.set(k, v);
    const own = params.get('access_token');
    const sub: GraphRequest = {
      method: typeof item.method === 'string' ? item.method.toUpperCase() : 'GET',
      path: `/${path}`,
      params,
      token: typeof own === 'string' ? own : req.token,
      files: [],
      batch: true,
    };
    const res = await dispatchGraph(env, sub);
    // A part whose answer is lost loses the whole batch answer (the parts before it were still processed).
    if (res.action) {
      action = res.action;
      break;
    }
    out.push({ code: res.status, headers: Object.entries(res.headers).map(([name, value]) => ({ name, value })), body: res.body });
  }
  return action ? { parts: out, action } : { parts: out };
}
