// Shared helpers for emulator tests: a controllable clock, login through the dialog, JSON fetch.
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server';

export const SCOPES = 'instagram_basic,instagram_manage_messages,pages_show_list,pages_manage_metadata,pages_read_engagement';
export const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';

export interface Harness {
  emu: Emulator;
  clock: { t: number };
  /** Advance emulated time (ms). */
  tick(ms: number): void;
  /** GET/POST a Graph path (auto-advances the clock 600 ms so the 2/s budget is not hit). */
  graph(
    path: string,
    init?: RequestInit & { token?: string; noTick?: boolean },
  ): Promise<{ status: number; body: GraphBody; headers: Headers }>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  login(scopes?: string): Promise<{ user: string; pages: Map<string, string> }>;
}

export type GraphBody = unknown;

/** Walk into parsed JSON: dig(body, 'data', 0, 'id'). */
export function dig(v: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export async function harness(opts: EmulatorOptions = {}): Promise<Harness> {
  const clock = { t: Date.parse('2026-11-21T10:00:00Z') };
  const emu = await startEmulator({ port: 0, now: () => clock.t, ...opts });
  const h: Harness = {
    emu,
    clock,
    tick: (ms) => {
      clock.t += ms;
    },
    async graph(path, init = {}) {
      if (!init.noTick) clock.t += 600;
      const url = new URL(path.startsWith('http') ? path : `${emu.graphBase}${path}`);
      if (init.token) url.searchParams.set('access_token', init.token);
      const res = await fetch(url, { ...init, redirect: 'manual' });
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text) as GraphBody, headers: res.headers };
    },
    async admin(method, path, body) {
      const res = await fetch(`${emu.url}/__admin/${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    async login(scopes = SCOPES) {
      const q = new URLSearchParams({
        client_id: '1234567890',
        redirect_uri: REDIRECT,
        response_type: 'token',
        state: 'st',
        scope: scopes,
      });
      let res = await fetch(`${emu.dialogUrl}?${q}`, { redirect: 'manual' });
      if (res.status === 200) {
        q.set('action', 'continue');
        res = await fetch(`${emu.dialogUrl}/confirm`, { method: 'POST', body: q, redirect: 'manual' });
      }
      const loc = res.headers.get('location') ?? '';
      const user = new URLSearchParams(loc.split('#')[1] ?? '').get('access_token') ?? '';
      const accounts = await h.graph('/me/accounts?fields=id,access_token', { token: user });
      const pages = new Map<string, string>();
      for (const p of arr(dig(accounts.body, 'data'))) pages.set(str(dig(p, 'id')), str(dig(p, 'access_token')));
      return { user, pages };
    },
  };
  return h;
}

export const LUMEN_PAGE = '196286525693883';
export const LUMEN_IG = '17841045117986554';
export const ATELIER_PAGE = '191423636225984';
export const PINE_PAGE = '174357458016579';
export const CORNER_PAGE = '139791774346794';
