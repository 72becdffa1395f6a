// Graph request pipeline: faults → routing → JSON/error body → Meta-like headers → request log.
import { READ_CAPACITY, READ_PER_SECOND } from './auth';
import type { Env, GraphRequest, GraphResponse } from './context';
import { routeGraph } from './graph';
import { bucketUsage, type Fault } from './state';
import { Errors, GraphError, isObject, randomTraceId, type Json } from './util';

export const API_VERSION = 'v24.0';
const REV = '1029384756';
const MAX_BATCH = 50;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function takeFault(env: Env, req: GraphRequest): Fault | undefined {
  const fullPath = `/${API_VERSION}${req.path}`;
  const f = env.state.faults.find((x) => fullPath.includes(x.match) && (!x.method || x.method.toUpperCase() === req.method.toUpperCase()));
  if (!f) return undefined;
  if (!f.unlimited) {
    f.remaining -= 1;
    if (f.remaining <= 0) env.state.faults = env.state.faults.filter((x) => x !== f);
  }
  return f;
}

function usageHeaders(env: Env, req: GraphRequest, throttled: boolean): { headers: Record<string, string>; pageId?: string } {
  const state = env.state;
  state.appCalls += 1;
  const appPct = Math.min(100, Math.floor(state.appCalls / 50));
  const headers: Record<string, string> = {
    'x-fb-trace-id': randomTraceId(),
    'x-fb-rev': REV,
    'X-App-Usage': JSON.stringify({ call_count: appPct, total_cputime: Math.floor(appPct / 2), total_time: Math.floor(appPct / 2) }),
  };
  const tok = req.token ? state.tokens.get(req.token) : undefined;
  if (tok?.kind !== 'page' || !tok.pageId) return { headers };
  const pct = throttled ? 100 : bucketUsage(state, `read:${tok.pageId}`, READ_CAPACITY, READ_PER_SECOND, env.now());
  headers['X-Business-Use-Case-Usage'] = JSON.stringify({
    [tok.pageId]: [
      // Meta reports minutes; our throttle clears in well under a minute, so this stays 0.
      {
        type: 'pages',
        call_count: pct,
        total_cputime: Math.floor(pct / 4),
        total_time: Math.floor(pct / 3),
        estimated_time_to_regain_access: 0,
      },
    ],
  });
  return { headers, pageId: tok.pageId };
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
    status: res.status,
    at: new Date(env.now()).toISOString(),
    ...(res.pageId ? { pageId: res.pageId } : {}),
    ...(req.batch ? { batch: true } : {}),
  });
  if (env.state.requests.length > 5000) env.state.requests.splice(0, 1000);
  return res;
}

async function dispatchInner(env: Env, req: GraphRequest): Promise<GraphResponse> {
  let body: string;
  let status = 200;
  let throttled = false;
  try {
    const fault = takeFault(env, req);
    if (fault?.kind === 'latency') await sleep(fault.latencyMs);
    else if (fault?.kind === 'status') throw Errors.transient(fault.status);
    else if (fault?.kind === 'rate_limit') throw Errors.rateLimited();
    else if (fault?.kind === 'token_expired') throw Errors.expired(env.now() - 1000, env.now());
    else if (fault?.kind === 'permission') throw Errors.permission();
    if (req.method.toUpperCase() === 'POST' && (req.path === '/' || req.path === '')) {
      body = JSON.stringify(await runBatch(env, req));
    } else {
      body = JSON.stringify((await routeGraph(env, req)).body);
    }
    if (fault?.kind === 'malformed') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  } catch (e) {
    const err = e instanceof GraphError ? e : new GraphError({ message: 'An unknown error has occurred.', code: 1, status: 500 });
    if (!(e instanceof GraphError)) console.error('[emulator] handler crashed', e);
    status = err.status;
    throttled = err.code === 80002;
    body = JSON.stringify(err.body());
  }
  const { headers, pageId } = usageHeaders(env, req, throttled);
  headers['Content-Type'] = 'application/json; charset=UTF-8';
  return { status, headers, body, ...(pageId ? { pageId } : {}) };
}

/** `POST /` with `batch=[{method, relative_url, body?}, ...]` → `[{code, headers, body}]`. */
async function runBatch(env: Env, req: GraphRequest): Promise<Json[]> {
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
    out.push({ code: res.status, headers: Object.entries(res.headers).map(([name, value]) => ({ name, value })), body: res.body });
  }
  return out;
}
