// Small shared helpers: PRNG, ids, time formatting and the Graph error type.
import { randomBytes } from 'node:crypto';

/** mulberry32: tiny deterministic PRNG (same seed → same dataset, same ids). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick() on empty list');
  return item;
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A numeric id of `len` digits, first digit given (Graph ids are decimal strings). */
export function numericId(rng: Rng, prefix: string, len: number): string {
  let s = prefix;
  while (s.length < len) s += String(Math.floor(rng() * 10));
  return s;
}

/** Graph timestamps: `2026-11-21T10:00:00+0000`. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

const TRACE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
export function randomTraceId(len = 11): string {
  const bytes = randomBytes(len);
  let s = '';
  for (const b of bytes) s += TRACE_ALPHABET[b % TRACE_ALPHABET.length];
  return s;
}

/** Opaque token body: random base64url characters. */
export function randomToken(prefix: string, len = 180): string {
  return (
    prefix +
    randomBytes(Math.ceil(len * 0.75))
      .toString('base64url')
      .slice(0, len)
  );
}

export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}
export function unb64(s: string): string | null {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(s)) return null;
  try {
    return Buffer.from(s, 'base64').toString('utf8');
  } catch {
    // Not decodable: the caller gets no value.
    return null;
  }
}

export interface GraphErrorInit {
  message: string;
  code: number;
  subcode?: number;
  type?: string;
  status?: number;
  isTransient?: boolean;
  userTitle?: string;
  userMsg?: string;
}

/** A Graph API error; serialised as `{error:{message,type,code,error_subcode?,fbtrace_id}}`. */
export class GraphError extends Error {
  readonly code: number;
  readonly subcode: number | undefined;
  readonly type: string;
  readonly status: number;
  readonly isTransient: boolean | undefined;
  constructor(init: GraphErrorInit) {
    super(init.message);
    this.code = init.code;
    this.subcode = init.subcode;
    this.type = init.type ?? 'OAuthException';
    this.status = init.status ?? 400;
    this.isTransient = init.isTransient;
  }
  body(): { error: Record<string, string | number | boolean> } {
    const error: Record<string, string | number | boolean> = {
      message: this.message,
      type: this.type,
      code: this.code,
    };
    if (this.subcode !== undefined) error.error_subcode = this.subcode;
    if (this.isTransient !== undefined) error.is_transient = this.isTransient;
    error.fbtrace_id = randomTraceId();
    return { error };
  }
}

export const Errors = {
  param: (msg: string, subcode?: number): GraphError => new GraphError({ message: `(#100) ${msg}`, code: 100, subcode }),
  unsupported: (method: 'get' | 'post' | 'delete', id: string): GraphError =>
    new GraphError({
      message:
        `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, ` +
        'or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api',
      code: 100,
      subcode: 33,
      type: 'GraphMethodException',
    }),
  permission: (): GraphError =>
    new GraphError({ message: '(#200) Requires instagram_manage_messages permission to manage the object', code: 200 }),
  rateLimited: (): GraphError =>
    new GraphError({
      message: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.',
      code: 80002,
    }),
  /** Meta's rate-limit errors by code: 4 app, 17 user, 32 Page (user token), 613 custom, 80002/80006 BUC. */
  rateLimitedWith: (code: number): GraphError => {
    const messages: Record<number, string> = {
      4: '(#4) Application request limit reached',
      17: '(#17) User request limit reached',
      32: '(#32) Page request limit reached',
      613: '(#613) Calls to this api have exceeded the rate limit.',
      80002: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.',
      80006: '(#80006) There have been too many messages sent to this user. Wait a bit and try again.',
    };
    return new GraphError({
      message: messages[code] ?? `(#${code}) Rate limit reached`,
      code,
      ...(code === 613 ? { subcode: 2534040 } : {}),
      ...(code === 4 || code === 17 ? { isTransient: true } : {}),
    });
  },
  transient: (status: number): GraphError =>
    new GraphError({
      message: 'An unexpected error has occurred. Please retry your request later.',
      code: 2,
      status,
      isTransient: true,
    }),
  expired: (expiredAt: number, now: number): GraphError =>
    new GraphError({
      message: `Error validating access token: Session has expired on ${fbDate(expiredAt)}. The current time is ${fbDate(now)}.`,
      code: 190,
      subcode: 463,
    }),
  revoked: (): GraphError =>
    new GraphError({
      message:
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
      code: 190,
      subcode: 460,
    }),
  badToken: (): GraphError => new GraphError({ message: 'Invalid OAuth access token - Cannot parse access token', code: 190 }),
};

/** "Friday, 21-Nov-26 10:00:00 PST" — the date style Meta uses in token errors (we print UTC). */
function fbDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())}-${months[d.getUTCMonth()]}-${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
