// Token resolution, permission checks and rate-limit accounting for Graph calls.
import type { Call, Env, GraphRequest } from './context';
import type { Page } from './model';
import { takeToken, type TokenInfo } from './state';
import { Errors, GraphError } from './util';

export const READ_CAPACITY = 4;
export const READ_PER_SECOND = 2;
export const SEND_CAPACITY = 100;
export const SEND_PER_SECOND = 100;

export function authenticate(env: Env, req: GraphRequest): TokenInfo {
  const now = env.now();
  const raw = req.token;
  if (!raw) {
    if (req.path === '/me' || req.path.startsWith('/me/')) {
      throw new GraphError({ message: 'An active access token must be used to query information about the current user.', code: 2500 });
    }
    throw new GraphError({ message: 'An access token is required to request this resource.', code: 104 });
  }
  const info = env.state.tokens.get(raw);
  if (!info) throw Errors.badToken();
  if (info.revoked) throw Errors.revoked();
  if (info.expired || now >= info.expiresAt) throw Errors.expired(info.expired ? Math.min(info.expiresAt, now) : info.expiresAt, now);
  return info;
}

export function pageOfToken(env: Env, token: TokenInfo): Page | undefined {
  return token.kind === 'page' ? env.state.ds.pages.find((p) => p.id === token.pageId) : undefined;
}

export function requirePageToken(call: Call): Page {
  if (call.token.kind !== 'page' || !call.page) {
    throw new GraphError({ message: '(#190) This method must be called with a Page Access Token', code: 190 });
  }
  return call.page;
}

/** Page token must belong to `page`; otherwise Graph pretends the object does not exist. */
export function requireTokenFor(call: Call, page: Page, id: string, method: 'get' | 'post' = 'get'): void {
  const own = requirePageToken(call);
  if (own.id !== page.id) throw Errors.unsupported(method, id);
}

export function hasScope(call: Call, scope: string): boolean {
  return call.token.scopes.includes(scope) && !call.env.state.declined.has(scope);
}

/** instagram_manage_messages (+ instagram_basic) on an IG-linked page that allows messaging. */
export function requireMessaging(call: Call, page: Page): void {
  if (!page.ig) throw Errors.param('The Page is not linked to an Instagram account', 2534013);
  if (!page.messagingAllowed || !hasScope(call, 'instagram_manage_messages') || !hasScope(call, 'instagram_basic')) {
    throw Errors.permission();
  }
}

/** Conversations/messages/profile reads: 2 calls/s per account (bucket of 4). */
export function countRead(call: Call, page: Page): void {
  if (!takeToken(call.env.state, `read:${page.id}`, READ_CAPACITY, READ_PER_SECOND, call.now)) throw Errors.rateLimited();
}

export function countSend(call: Call, page: Page): void {
  if (!takeToken(call.env.state, `send:${page.id}`, SEND_CAPACITY, SEND_PER_SECOND, call.now)) throw Errors.rateLimited();
}
