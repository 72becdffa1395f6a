// Request/response types shared by the Graph router, send handlers, batch and the HTTP server.
import type { Page } from './model';
import type { EmulatorState, FaultKind, TokenInfo } from './state';
import type { Json } from './util';

export interface FilePart {
  name: string;
  filename?: string;
  contentType: string;
  data: Buffer;
}

export interface GraphRequest {
  method: string;
  /** Path after the version prefix, e.g. `/me/accounts`. */
  path: string;
  /** Query string merged with form/JSON body fields (non-string JSON values are kept as parsed JSON). */
  params: Map<string, string | Json>;
  token: string | undefined;
  files: FilePart[];
  /** Part of a batch. */
  batch?: boolean;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  pageId?: string;
  /**
   * A lost answer: `drop` sends the status line and headers and then destroys the connection,
   * `reset` destroys it before any byte, `hang` never answers until the client gives up.
   */
  action?: 'drop' | 'reset' | 'hang';
  /** The fault kind that shaped this answer (request log). */
  fault?: FaultKind;
}

export interface Env {
  state: EmulatorState;
  now: () => number;
  baseUrl: string;
  graphBase: string;
}

/** What a handler knows after auth. */
export interface Call {
  env: Env;
  req: GraphRequest;
  token: TokenInfo;
  now: number;
  /** Set when the call is made with a Page token (for usage headers and rate limits). */
  page?: Page;
}

export function param(req: GraphRequest, name: string): string | null {
  const v = req.params.get(name);
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A param that may be a JSON string (form/query) or an already-parsed JSON value (JSON body). */
export function jsonParam(req: GraphRequest, name: string): Json | undefined {
  const v = req.params.get(name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as Json;
  } catch {
    // Not JSON: a plain string value, as Graph accepts.
    return v;
  }
}
