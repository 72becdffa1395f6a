// The emulator's HTTP server: CORS, body parsing, Graph dispatch, OAuth dialog, CDN and admin routes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin, inbound } from './admin';
import type { Env, GraphRequest } from './context';
import { API_VERSION, dispatchGraph } from './dispatch';
import { mediaFor, messagingAssetFor } from './media';
import { parseBody } from './multipart';
import { confirm, dialog } from './oauth';
import { STORY_TTL_MS } from './render';
import type { SeedOption } from './seed';
import { createState, resetState, type EmulatorState } from './state';
import { GraphError, type Json } from './util';

export type { EmulatorState } from './state';
export type { SeedOption } from './seed';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  now?: () => number;
  seed?: SeedOption;
  /** Inject a customer message into a random conversation of the first account every N ms. */
  liveInboundEveryMs?: number;
}

export interface Emulator {
  url: string;
  graphBase: string;
  dialogUrl: string;
  port: number;
  close(): Promise<void>;
  reset(): void;
  state: EmulatorState;
}

const MAX_BODY = 30 * 1024 * 1024;

const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Expose-Headers': 'x-fb-trace-id, x-fb-rev, X-App-Usage, X-Business-Use-Case-Usage',
};

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(status, { ...CORS, ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: Json): void {
  send(res, status, { 'Content-Type': 'application/json; charset=UTF-8' }, JSON.stringify(body));
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const baseNow = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const seed = opts.seed ?? 'default';
  const state = createState(baseNow(), seed);
  const env: Env = { state, now: () => baseNow() + state.clockOffsetMs, baseUrl: '', graphBase: '' };

  const server = createServer((req, res) => {
    handle(env, req, res).catch((e: unknown) => {
      console.error('[emulator] request failed', e);
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1 } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  env.baseUrl = `http://${host}:${port}`;
  env.graphBase = `${env.baseUrl}/${API_VERSION}`;

  let timer: NodeJS.Timeout | undefined;
  if (opts.liveInboundEveryMs && opts.liveInboundEveryMs > 0) {
    timer = setInterval(() => {
      const first = state.ds.pages.find((p) => p.ig && p.conversations.length);
      const convs = first?.conversations ?? [];
      const conv = convs[Math.floor(Math.random() * convs.length)];
      if (first?.ig && conv) inbound(env, { account: first.ig.username, from: conv.customer.id });
    }, opts.liveInboundEveryMs);
    timer.unref();
  }

  return {
    url: env.baseUrl,
    graphBase: env.graphBase,
    dialogUrl: `${env.graphBase}/dialog/oauth`,
    port,
    state,
    reset: () => resetState(state, baseNow(), seed),
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(env: Env, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'OPTIONS') return send(res, 204, {}, '');
  const url = new URL(req.url ?? '/', env.baseUrl);
  const path = url.pathname;

  if (path.startsWith('/__admin/')) {
    const raw = await readBody(req);
    let body: Json = null;
    if (raw?.length) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Json;
      } catch {
        return sendJson(res, 400, { error: 'invalid JSON body' });
      }
    }
    const r = handleAdmin(env, method, path.slice('/__admin/'.length).replace(/\/+$/, ''), body, url.searchParams);
    return sendJson(res, r.status, r.body);
  }

  if (path.startsWith('/cdn/')) return serveCdn(env, path, url.searchParams, res);

  const versioned = /^\/v\d+\.\d+(\/.*)?$/.exec(path);
  if (!versioned) return sendJson(res, 404, new GraphError({ message: 'Unknown path components: ' + path, code: 2500 }).body());
  const rest = versioned[1] ?? '/';

  if (rest === '/dialog/oauth' || rest === '/dialog/oauth/confirm') {
    const raw = await readBody(req);
    const params = new URLSearchParams(url.search);
    if (method === 'POST' && raw) for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) params.set(k, v);
    const r = rest === '/dialog/oauth' ? dialog(env, params) : confirm(env, params);
    env.state.requests.push({
      method,
      path,
      query: Object.fromEntries(new URLSearchParams(url.search)),
      status: r.status,
      at: new Date(env.now()).toISOString(),
    });
    return send(res, r.status, r.headers, r.body);
  }

  const raw = await readBody(req);
  if (raw === null) {
    return sendJson(
      res,
      400,
      new GraphError({ message: '(#100) Attachment size exceeds allowable limit', code: 100, subcode: 2018109 }).body(),
    );
  }
  const parsed = parseBody(raw, req.headers['content-type']);
  const params = new Map<string, string | Json>(url.searchParams);
  for (const [k, v] of parsed.fields) params.set(k, v);
  const auth = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  const qsToken = params.get('access_token');
  const greq: GraphRequest = {
    method,
    path: rest.replace(/\/+$/, '') || '/',
    params,
    token: typeof qsToken === 'string' && qsToken ? qsToken : auth,
    files: parsed.files,
  };
  params.delete('access_token');
  const r = await dispatchGraph(env, greq);
  if (r.action === 'reset') {
    // The answer is lost on the wire: not one byte of it. (Chromium resends a request whose reused
    // keep-alive connection closes before any answer byte, so this can reach the handler twice.)
    req.socket.destroy();
    return;
  }
  if (r.action === 'drop') {
    // The answer begins (status line and headers) and the connection dies before the body.
    res.writeHead(r.status, { ...CORS, ...r.headers, 'Content-Length': String(Buffer.byteLength(r.body)) });
    res.flushHeaders();
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    req.socket.destroy();
    return;
  }
  if (r.action === 'hang') {
    // Nothing is ever answered; the connection stays open until the client gives up (or the server closes).
    await new Promise<void>((resolve) => {
      if (req.socket.destroyed) resolve();
      else req.socket.once('close', () => resolve());
    });
    return;
  }
  send(res, r.status, r.headers, r.body);
}

function serveCdn(env: Env, path: string, q: URLSearchParams, res: ServerResponse): void {
  const notFound = (): void => send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found');
  const upload = /^\/cdn\/upload\/([^/]+)$/.exec(path);
  if (upload) {
    const up = env.state.uploads.get(upload[1] ?? '');
    if (!up || up.url) return notFound();
    return send(res, 200, { 'Content-Type': up.mime, 'Cache-Control': 'max-age=3600' }, up.bytes);
  }
  const story = /^\/cdn\/story\/(\d+)\.jpg$/.exec(path);
  if (story) {
    const id = story[1] ?? '';
    let createdAt: number | undefined;
    for (const { message } of env.state.ds.messages.values()) if (message.story?.id === id) createdAt = message.story.createdAt;
    // Story media stops resolving 24 h after the story was posted, like Meta's CDN URLs.
    if (createdAt === undefined || env.now() > createdAt + STORY_TTL_MS) return notFound();
    const f = mediaFor(`story${id}`, 'png', false);
    return f ? send(res, 200, { 'Content-Type': f.type }, f.body) : notFound();
  }
  const asset = /^\/cdn\/messaging\/([A-Za-z0-9_-]+)$/.exec(path);
  if (asset) {
    const f = messagingAssetFor(asset[1] ?? '');
    return f ? send(res, 200, { 'Content-Type': f.type, 'Cache-Control': 'max-age=86400' }, f.body) : notFound();
  }
  const m = /^\/cdn\/(media|avatar)\/([A-Za-z0-9_-]+)\.([a-z0-9]+)$/.exec(path);
  if (!m) return notFound();
  const f = mediaFor(`${m[1]}${m[2]}`, m[3] ?? '', q.has('preview'));
  if (!f) return notFound();
  return send(res, 200, { 'Content-Type': f.type, 'Cache-Control': 'max-age=86400' }, f.body);
}
