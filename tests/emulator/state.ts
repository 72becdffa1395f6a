// Mutable emulator state: dataset, tokens, consent, faults, rate buckets, request log.
import type { Dataset, Upload } from './model';
import { buildDataset, type SeedOption } from './seed';
import { randomToken } from './util';

export const USER_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;
export const PAGE_TOKEN_TTL_MS = 60 * 60 * 1000;

export interface TokenInfo {
  token: string;
  kind: 'user' | 'page';
  pageId?: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  /** Forced expiry by the admin API (reported as 190/463). */
  expired: boolean;
}

/**
 * What a fault does to a matching Graph call. Faults before the handler runs leave Meta's data as it
 * was; the `processed_*` and `hold` kinds run the handler first (a send is stored) and then lose or
 * delay the answer, the way a real network loses the answer to a request Meta already carried out.
 */
export type FaultKind =
  /** Error with `status` (default 500), code 2 `is_transient`; not processed. */
  | 'status'
  /** Wait `latencyMs` (default 1000), then process and answer. */
  | 'latency'
  /** Rate limited with `code` (4, 17, 32, 613, 80002 (default), 80006); optional `regainMinutes`. Not processed. */
  | 'rate_limit'
  /** 190/463; with `account`, only that account's calls. Not processed. */
  | 'token_expired'
  /** Processed, then 200 with the JSON cut in half (kept under its old name; same as `processed_cut`). */
  | 'malformed'
  /** Code 200 permission error. Not processed. */
  | 'permission'
  /** Processed, then 200 with the body cut off mid-JSON. */
  | 'processed_cut'
  /** Processed, then the connection dies after the status line and headers, before the body. */
  | 'processed_drop'
  /**
   * Processed, then the connection is destroyed before any byte of the answer. Chromium resends a
   * request whose reused keep-alive connection closes this way, so the call can be processed twice.
   */
  | 'processed_reset'
  /** Processed, then an error answer: `status` (default 500), `code` 2 (default) or 1 (subcode 1357046). */
  | 'processed_status'
  /** Held for `latencyMs` (default 25 000), then processed and stored even when the client gave up. */
  | 'hold'
  /** Never answers and is not processed; the connection stays open until the client aborts. */
  | 'timeout'
  /** A paged read whose `next` names the same cursor it was asked with (applies to calls with `after`). */
  | 'cursor_stuck'
  /** Code 1 "reduce the amount of data" when `limit` × nested `messages.limit(n)` is above `maxData`. */
  | 'data_size';

export interface Fault {
  id: number;
  match: string;
  method?: string;
  kind: FaultKind;
  status: number;
  latencyMs: number;
  /** Graph error code for `rate_limit` and `processed_status`. */
  code?: number;
  /** `rate_limit`: minutes until access returns (usage headers); the fault ends then, in emulated time. */
  regainMinutes?: number;
  /** Emulated time at which a `rate_limit` with `regainMinutes` stops applying. */
  untilMs?: number;
  /** `data_size`: the largest requested item count that is still answered. */
  maxData?: number;
  /** Only calls made with this Page's token (resolved from IG username, IG id or Page id). */
  pageId?: string;
  /** Remaining uses; 0 = until cleared. */
  remaining: number;
  unlimited: boolean;
}

// A type alias (not an interface) so it is assignable to Json.
export type RequestLogEntry = {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  at: string;
  pageId?: string;
  batch?: boolean;
  /** The fault kind that shaped this call's answer, if any. */
  fault?: FaultKind;
};

export interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface EmulatorState {
  ds: Dataset;
  seed: SeedOption;
  tokens: Map<string, TokenInfo>;
  /** client_id → remembered granted scopes. */
  consent: Map<string, Set<string>>;
  declined: Set<string>;
  humanAgent: boolean;
  faults: Fault[];
  nextFaultId: number;
  requests: RequestLogEntry[];
  buckets: Map<string, Bucket>;
  uploads: Map<string, Upload>;
  appCalls: number;
  /** Added to the base clock (admin `POST /__admin/advance`). */
  clockOffsetMs: number;
}

export function createState(now: number, seed: SeedOption): EmulatorState {
  return {
    ds: buildDataset(now, seed),
    seed,
    tokens: new Map(),
    consent: new Map(),
    declined: new Set(),
    humanAgent: true,
    faults: [],
    nextFaultId: 1,
    requests: [],
    buckets: new Map(),
    uploads: new Map(),
    appCalls: 0,
    clockOffsetMs: 0,
  };
}

/** Reset in place (keeps object identity so `emulator.state` stays valid). */
export function resetState(state: EmulatorState, now: number, seed: SeedOption = state.seed): void {
  Object.assign(state, createState(now, seed));
}

export function issueUserToken(state: EmulatorState, scopes: string[], now: number): TokenInfo {
  const info: TokenInfo = {
    token: randomToken('EAAJ'),
    kind: 'user',
    scopes,
    issuedAt: now,
    expiresAt: now + USER_TOKEN_TTL_MS,
    revoked: false,
    expired: false,
  };
  state.tokens.set(info.token, info);
  return info;
}

export function issuePageToken(state: EmulatorState, user: TokenInfo, pageId: string, now: number): TokenInfo {
  const info: TokenInfo = {
    token: randomToken('EAAJ'),
    kind: 'page',
    pageId,
    scopes: user.scopes,
    issuedAt: now,
    // Page tokens from a short-lived user token live 1 h, never longer than the user token.
    expiresAt: Math.min(now + PAGE_TOKEN_TTL_MS, user.expiresAt),
    revoked: false,
    expired: false,
  };
  state.tokens.set(info.token, info);
  return info;
}

/** Token-bucket rate limiting. Returns false when the call must be throttled. */
export function takeToken(state: EmulatorState, key: string, capacity: number, perSecond: number, now: number): boolean {
  const b = state.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
  b.tokens = Math.min(capacity, b.tokens + ((now - b.updatedAt) / 1000) * perSecond);
  b.updatedAt = now;
  state.buckets.set(key, b);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

/** Percentage of the bucket in use (for X-Business-Use-Case-Usage). */
export function bucketUsage(state: EmulatorState, key: string, capacity: number, perSecond: number, now: number): number {
  const b = state.buckets.get(key);
  if (!b) return 0;
  const tokens = Math.min(capacity, b.tokens + ((now - b.updatedAt) / 1000) * perSecond);
  return Math.round(((capacity - tokens) / capacity) * 100);
}
