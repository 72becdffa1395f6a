/**
 * Connecting, staying connected and disconnecting. Runs in the background only.
 *
 * Accounts stay as the person left them: a disconnected account is remembered and only an
 * interactive Connect brings it back, never a silent re-login. An expired login (190) on one
 * account marks only that account "Reconnect", and the silent re-login that may fix it runs at
 * most once per account per `SILENT_RELOGIN_BACKOFF_MS`, remembered across worker restarts.
 *
 *   login.ts        Meta's login dialog and discovering the accounts behind it (Connect);
 *   renewal.ts      silent re-login with backoff, and calls retried with a renewed token;
 *   disconnect.ts   removing an account, and revoking access when the last one goes;
 *   token-store.ts  where the tokens are kept;
 *   context.ts      what these share.
 */
import { DeskError } from '../errors';
import { t } from '../i18n';
import { AuthContext, notConnected, type AuthDeps, type DisconnectResult, type PageToken } from './context';
import { InFlightCalls, disconnectAccount } from './disconnect';
import { discover, login } from './login';
import { SilentRelogin, callWithRenewal } from './renewal';

export type { AuthDeps, DisconnectResult, RevokeOutcome, SyncControl } from './context';
export { SILENT_RELOGIN_BACKOFF_MS } from './renewal';

export class AuthService {
  readonly #ctx: AuthContext;
  readonly #relogin: SilentRelogin;
  /** Graph calls under way with each account's Page token: disconnect waits for them. */
  readonly #inFlight = new InFlightCalls();

  constructor(deps: AuthDeps) {
    this.#ctx = new AuthContext(deps);
    this.#relogin = new SilentRelogin(this.#ctx);
  }

  /**
   * Interactive connect: Meta login, then discover every Instagram account the user manages.
   * This is the only way a disconnected account comes back.
   */
  async connect(): Promise<number> {
    const token = await login(this.#ctx, true);
    if (!token) throw new DeskError('auth-failed', t('auth.unfinished'));
    return discover(this.#ctx, token, true);
  }

  async pageTokenFor(accountId: string): Promise<PageToken> {
    const tokens = await this.#ctx.deps.tokens.get();
    const page = tokens.pages[accountId];
    if (!page) throw notConnected();
    return page;
  }

  /**
   * Runs `call` with the account's Page token. An expired token (190) gets a renewed one (from a
   * silent re-login, at most once per account per backoff period) and one retry; when that fails
   * only this account is marked "Reconnect"; until the backoff ends its own token is still tried
   * (a passing 190 heals by itself), but no login window opens for it.
   */
  withPageToken<T>(accountId: string, call: (page: PageToken) => Promise<T>): Promise<T> {
    const run = callWithRenewal(this.#ctx, this.#relogin, accountId, call);
    this.#inFlight.track(accountId, run);
    return run;
  }

  /**
   * Removes one account and everything stored for it. From the first step on, no silent re-login
   * brings it back and no new call uses its token; then what may still write for it (a silent
   * re-login, its Graph calls, its sync) is waited for, and only then is its data deleted. The
   * last account to go also revokes DM Desk's access at Meta, with a user token that still works.
   */
  disconnect(accountId: string): Promise<DisconnectResult> {
    return disconnectAccount(this.#ctx, this.#relogin, this.#inFlight, accountId);
  }
}
