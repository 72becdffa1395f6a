/**
 * Disconnecting an account: from the first step on, no silent re-login brings it back and no new
 * call uses its token; then what may still write for it (a silent re-login, its Graph calls, its
 * sync) is waited for, and only then is its data deleted. The last account to go also revokes
 * DM Desk's access at Meta, with a user token that still works.
 */
import { deleteAccountData } from '../db';
import { logDiagnostic } from '../diagnostics';
import { revokePermissions } from '../graph/api';
import { isAuthFailure, type AuthContext, type DisconnectResult, type RevokeOutcome } from './context';
import { login } from './login';
import type { SilentRelogin } from './renewal';

/** A stored user token this close to its expiry is treated as expired. */
const USER_TOKEN_MARGIN_MS = 60_000;

/** Graph calls under way with each account's Page token, so disconnect can wait for them. */
export class InFlightCalls {
  readonly #calls = new Map<string, Set<Promise<unknown>>>();

  /** Remembers `run` until it settles. */
  track(accountId: string, run: Promise<unknown>): void {
    let calls = this.#calls.get(accountId);
    if (!calls) this.#calls.set(accountId, (calls = new Set()));
    calls.add(run);
    const set = calls;
    const forget = () => {
      set.delete(run);
      if (set.size === 0 && this.#calls.get(accountId) === set) this.#calls.delete(accountId);
    };
    // Only bookkeeping: the caller of `run` sees its outcome.
    void run.then(forget, forget);
  }

  /** Resolves once no Graph call with the account's token is under way. */
  async settled(accountId: string): Promise<void> {
    for (let calls = this.#calls.get(accountId); calls && calls.size > 0; calls = this.#calls.get(accountId)) {
      await Promise.allSettled([...calls]);
    }
  }
}

/** Removes one account and everything stored for it (see the top of this file). */
export async function disconnectAccount(
  ctx: AuthContext,
  relogin: SilentRelogin,
  inFlight: InFlightCalls,
  accountId: string,
): Promise<DisconnectResult> {
  let last = false;
  await ctx.update((t) => {
    const hadLogin = t.pages[accountId] !== undefined || t.user !== null;
    (t.disconnected ??= {})[accountId] = ctx.now();
    delete t.pages[accountId];
    if (t.reauth) delete t.reauth[accountId];
    // An account that never had a login here (only imported) leaves nothing to revoke.
    last = hadLogin && Object.keys(t.pages).length === 0;
  });
  await relogin.settled();
  await inFlight.settled(accountId);
  await ctx.deps.syncControl?.stop(accountId);
  try {
    const revoke: RevokeOutcome = last ? await revokeAccess(ctx) : 'not-needed';
    await deleteAccountData(accountId);
    return { revoke };
  } finally {
    ctx.deps.syncControl?.resume(accountId);
    ctx.deps.onAccountsChanged();
  }
}

/**
 * Withdraws DM Desk's access at Meta. The stored user token has usually expired by the time the
 * last account goes, so a silent re-login gets a fresh one when it is missing, near its expiry
 * or refused.
 */
async function revokeAccess(ctx: AuthContext): Promise<RevokeOutcome> {
  let outcome: RevokeOutcome = 'failed';
  try {
    const stored = (await ctx.deps.tokens.get()).user;
    const usable = stored && (stored.expiresAt === null || stored.expiresAt - ctx.now() > USER_TOKEN_MARGIN_MS) ? stored.token : null;
    if (usable && (await tryRevoke(ctx, usable))) outcome = 'revoked';
    else {
      const fresh = await login(ctx, false);
      if (fresh && (await tryRevoke(ctx, fresh))) outcome = 'revoked';
    }
  } catch (e) {
    logDiagnostic('auth', 'Could not withdraw DM Desk’s access at Meta', e);
  }
  if (outcome === 'failed') logDiagnostic('auth', 'Access at Meta was not withdrawn: no working login', undefined, 'warn');
  await ctx.update((t) => {
    if (Object.keys(t.pages).length === 0) t.user = null;
  });
  return outcome;
}

/** True when Meta confirmed; false when the token was refused (expired or revoked). */
async function tryRevoke(ctx: AuthContext, userToken: string): Promise<boolean> {
  try {
    return await revokePermissions(ctx.deps.client, userToken);
  } catch (e) {
    if (isAuthFailure(e)) return false;
    throw e;
  }
}
