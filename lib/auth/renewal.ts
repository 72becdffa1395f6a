/**
 * Staying connected: a call that meets an expired login (190) gets a renewed Page token from one
 * silent re-login (shared by every caller that hit it) and one retry. The silent re-login runs at
 * most once per account per `SILENT_RELOGIN_BACKOFF_MS`, remembered in the token store across
 * worker restarts; when it does not help, only that account is marked "Reconnect".
 */
import { getAccount, putAccount } from '../db';
import { logDiagnostic } from '../diagnostics';
import { isAuthFailure, loginExpired, notConnected, type AuthContext, type PageToken } from './context';
import { discover, login } from './login';

/**
 * How long an account waits before its expired login may launch another silent re-login. A
 * silent re-login costs a hidden login window plus two Graph calls; Page tokens from Meta's login
 * dialog live about an hour, so a token renewed less than 15 minutes ago that fails again is not
 * an ordinary expiry: trying again on every sync tick (every minute) would only repeat the same
 * failure. Four tries an hour at most still heal a login Meta renews on its own.
 */
export const SILENT_RELOGIN_BACKOFF_MS = 15 * 60_000;

/** One silent re-login at a time, shared by every caller that asks while it runs. */
export class SilentRelogin {
  #current: Promise<boolean> | null = null;

  readonly #ctx: AuthContext;
  constructor(ctx: AuthContext) {
    this.#ctx = ctx;
  }

  /**
   * Logs in without a window (`interactive: false`) and renews the tokens of the accounts still
   * connected; adds none. Nothing cached is deleted; false when it did not work.
   */
  run(): Promise<boolean> {
    this.#current ??= (async () => {
      try {
        const token = await login(this.#ctx, false);
        if (!token) return false;
        await discover(this.#ctx, token, false);
        return true;
      } catch (e) {
        logDiagnostic('auth', 'The silent re-login failed', e);
        return false;
      }
    })().finally(() => {
      this.#current = null;
    });
    return this.#current;
  }

  /** Resolves once the re-login under way (if any) ended. */
  async settled(): Promise<void> {
    await this.#current;
  }
}

/**
 * Runs `call` with the account's Page token; on an expired token, once more with a renewed one.
 * The account's own token is always tried first: a 190 may have been passing, and one call costs
 * little. What backs off is the silent re-login (a login window and two more calls).
 */
export async function callWithRenewal<T>(
  ctx: AuthContext,
  relogin: SilentRelogin,
  accountId: string,
  call: (page: PageToken) => Promise<T>,
): Promise<T> {
  const stored = await ctx.deps.tokens.get();
  const page = stored.pages[accountId];
  if (!page) throw notConnected();
  try {
    return await call(page);
  } catch (e) {
    if (!isAuthFailure(e)) throw e;
    // An expired login is answered below: a renewed token and one more try.
  }
  const renewed = await renewedToken(ctx, relogin, accountId, page.token);
  if (renewed) {
    try {
      return await call(renewed);
    } catch (e) {
      if (!isAuthFailure(e)) throw e;
      await noteFailed(ctx, accountId);
    }
  }
  await markReconnect(ctx, accountId);
  throw loginExpired();
}

/**
 * A Page token newer than `stale`, or null. Another caller's re-login may already have renewed
 * it; otherwise one silent re-login runs, unless this account had one within the backoff period.
 */
async function renewedToken(ctx: AuthContext, relogin: SilentRelogin, accountId: string, stale: string): Promise<PageToken | null> {
  let launch = false;
  await ctx.update((t) => {
    const current = t.pages[accountId];
    if (!current || current.token !== stale) return;
    const last = t.reauth?.[accountId];
    if (last && ctx.now() - last.at < SILENT_RELOGIN_BACKOFF_MS) return;
    (t.reauth ??= {})[accountId] = { at: ctx.now(), failed: false };
    launch = true;
  });
  if (launch) await relogin.run();
  else await relogin.settled();
  const page = (await ctx.deps.tokens.get()).pages[accountId];
  if (!page || page.token === stale) {
    await noteFailed(ctx, accountId);
    return null;
  }
  return page;
}

async function noteFailed(ctx: AuthContext, accountId: string): Promise<void> {
  await ctx.update((t) => {
    if (!t.pages[accountId]) return;
    const last = t.reauth?.[accountId];
    (t.reauth ??= {})[accountId] = { at: last?.at ?? ctx.now(), failed: true };
  });
}

/** Marks one account "Reconnect" (never another, never one being disconnected). */
async function markReconnect(ctx: AuthContext, accountId: string): Promise<void> {
  const [account, tokens] = await Promise.all([getAccount(accountId), ctx.deps.tokens.get()]);
  if (!account || account.status === 'reconnect' || tokens.disconnected?.[accountId] !== undefined) return;
  await putAccount({ ...account, status: 'reconnect' });
  ctx.deps.onAccountsChanged();
}
