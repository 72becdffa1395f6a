/**
 * Connecting, staying connected and disconnecting. Runs in the background only.
 *
 * Accounts stay as the person left them: a disconnected account is remembered and only an
 * interactive Connect brings it back, never a silent re-login. An expired login (190) on one
 * account marks only that account "Reconnect", and the silent re-login that may fix it runs at
 * most once per account per `SILENT_RELOGIN_BACKOFF_MS`, remembered across worker restarts.
 */
import type { MetaEndpoints } from '../config';
import { deleteAccountData, getAccount, listAccounts, putAccount } from '../db';
import type { Account } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { listPages, listPermissions, revokePermissions } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import { MESSAGING_PERMISSION, buildDialogUrl, parseAuthRedirect, randomState } from './oauth';
import type { StoredTokens, TokenStore } from './token-store';

/**
 * How long an account waits before its expired login may launch another silent re-login. A
 * silent re-login costs a hidden login window plus two Graph calls; Page tokens from Meta's login
 * dialog live about an hour, so a token renewed less than 15 minutes ago that fails again is not
 * an ordinary expiry: trying again on every sync tick (every minute) would only repeat the same
 * failure. Four tries an hour at most still heal a login Meta renews on its own.
 */
export const SILENT_RELOGIN_BACKOFF_MS = 15 * 60_000;

/** A stored user token this close to its expiry is treated as expired. */
const USER_TOKEN_MARGIN_MS = 60_000;

/**
 * What disconnecting did at Meta: `not-needed` while other accounts stay connected; `revoked` when
 * the last account went and Meta withdrew DM Desk's access; `failed` when that could not be done
 * (no working login), so the person has to remove the app at Meta themselves.
 */
export type RevokeOutcome = 'not-needed' | 'revoked' | 'failed';

export interface DisconnectResult {
  revoke: RevokeOutcome;
}

/** Pauses an account's sync while its data is deleted (implemented by the sync service). */
export interface SyncControl {
  /** No new run starts for the account; resolves once a run under way (and its follow-up) ended. */
  stop(accountId: string): Promise<void>;
  /** Lets the account sync again. */
  resume(accountId: string): void;
}

export interface AuthDeps {
  client: GraphClient;
  endpoints: () => Promise<MetaEndpoints>;
  launch: (url: string, interactive: boolean) => Promise<string | undefined>;
  redirectUrl: () => string;
  tokens: TokenStore;
  onAccountsChanged: () => void;
  /** Disconnect stops the account's sync through this before deleting its data. */
  syncControl?: SyncControl;
  now?: () => number;
}

type PageToken = { pageId: string; token: string };

const isAuthFailure = (e: unknown): boolean => e instanceof GraphError && e.kind === 'auth';

const notConnected = () => new DeskError('auth', 'This account is not connected any more. Reconnect it on the connections page.');
const loginExpired = () => new DeskError('auth', 'Your Meta login has expired. Reconnect the account on the connections page.');

export class AuthService {
  private silentReauth: Promise<boolean> | null = null;
  /** Graph calls under way with each account's Page token: disconnect waits for them. */
  private readonly inFlight = new Map<string, Set<Promise<unknown>>>();
  /** Token-store changes (read, change, write), one at a time. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AuthDeps) {}

  /**
   * Interactive connect: Meta login, then discover every Instagram account the user manages.
   * This is the only way a disconnected account comes back.
   */
  async connect(): Promise<number> {
    const token = await this.login(true);
    if (!token) throw new DeskError('auth-failed', 'The Meta login did not finish. Try connecting again.');
    return this.discover(token, true);
  }

  /**
   * One silent re-login (`interactive: false`) shared by every caller that hit an expired token.
   * It renews the tokens of the accounts still connected and adds none. Nothing cached is deleted;
   * false when it did not work.
   */
  reauthenticateSilently(): Promise<boolean> {
    this.silentReauth ??= (async () => {
      try {
        const token = await this.login(false);
        if (!token) return false;
        await this.discover(token, false);
        return true;
      } catch (e) {
        logDiagnostic('auth', 'The silent re-login failed', e);
        return false;
      }
    })().finally(() => {
      this.silentReauth = null;
    });
    return this.silentReauth;
  }

  async pageTokenFor(accountId: string): Promise<PageToken> {
    const tokens = await this.deps.tokens.get();
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
    const run = this.callWithRenewal(accountId, call);
    let calls = this.inFlight.get(accountId);
    if (!calls) this.inFlight.set(accountId, (calls = new Set()));
    calls.add(run);
    const forget = () => {
      calls.delete(run);
      if (calls.size === 0 && this.inFlight.get(accountId) === calls) this.inFlight.delete(accountId);
    };
    run.then(forget, forget);
    return run;
  }

  /**
   * Removes one account and everything stored for it. From the first step on, no silent re-login
   * brings it back and no new call uses its token; then what may still write for it (a silent
   * re-login, its Graph calls, its sync) is waited for, and only then is its data deleted. The
   * last account to go also revokes DM Desk's access at Meta, with a user token that still works.
   */
  async disconnect(accountId: string): Promise<DisconnectResult> {
    let last = false;
    await this.update((t) => {
      const hadLogin = t.pages[accountId] !== undefined || t.user !== null;
      (t.disconnected ??= {})[accountId] = this.now();
      delete t.pages[accountId];
      if (t.reauth) delete t.reauth[accountId];
      // An account that never had a login here (only imported) leaves nothing to revoke.
      last = hadLogin && Object.keys(t.pages).length === 0;
    });
    await this.silentReauth;
    await this.settled(accountId);
    await this.deps.syncControl?.stop(accountId);
    try {
      const revoke: RevokeOutcome = last ? await this.revoke() : 'not-needed';
      await deleteAccountData(accountId);
      return { revoke };
    } finally {
      this.deps.syncControl?.resume(accountId);
      this.deps.onAccountsChanged();
    }
  }

  private async callWithRenewal<T>(accountId: string, call: (page: PageToken) => Promise<T>): Promise<T> {
    const stored = await this.deps.tokens.get();
    const page = stored.pages[accountId];
    if (!page) throw notConnected();
    // The account's own token is always tried: a 190 may have been passing, and one call costs
    // little. What backs off is the silent re-login (a login window and two more calls).
    try {
      return await call(page);
    } catch (e) {
      if (!isAuthFailure(e)) throw e;
    }
    const renewed = await this.renewedToken(accountId, page.token);
    if (renewed) {
      try {
        return await call(renewed);
      } catch (e) {
        if (!isAuthFailure(e)) throw e;
        await this.noteFailed(accountId);
      }
    }
    await this.markReconnect(accountId);
    throw loginExpired();
  }

  /**
   * A Page token newer than `stale`, or null. Another caller's re-login may already have renewed
   * it; otherwise one silent re-login runs, unless this account had one within the backoff period.
   */
  private async renewedToken(accountId: string, stale: string): Promise<PageToken | null> {
    let launch = false;
    await this.update((t) => {
      const current = t.pages[accountId];
      if (!current || current.token !== stale) return;
      const last = t.reauth?.[accountId];
      if (last && this.now() - last.at < SILENT_RELOGIN_BACKOFF_MS) return;
      (t.reauth ??= {})[accountId] = { at: this.now(), failed: false };
      launch = true;
    });
    if (launch) await this.reauthenticateSilently();
    else await this.silentReauth;
    const page = (await this.deps.tokens.get()).pages[accountId];
    if (!page || page.token === stale) {
      await this.noteFailed(accountId);
      return null;
    }
    return page;
  }

  private async noteFailed(accountId: string): Promise<void> {
    await this.update((t) => {
      if (!t.pages[accountId]) return;
      const last = t.reauth?.[accountId];
      (t.reauth ??= {})[accountId] = { at: last?.at ?? this.now(), failed: true };
    });
  }

  /** Marks one account "Reconnect" (never another, never one being disconnected). */
  private async markReconnect(accountId: string): Promise<void> {
    const [account, tokens] = await Promise.all([getAccount(accountId), this.deps.tokens.get()]);
    if (!account || account.status === 'reconnect' || tokens.disconnected?.[accountId] !== undefined) return;
    await putAccount({ ...account, status: 'reconnect' });
    this.deps.onAccountsChanged();
  }

  /** Resolves once no Graph call with the account's token is under way. */
  private async settled(accountId: string): Promise<void> {
    for (let calls = this.inFlight.get(accountId); calls && calls.size > 0; calls = this.inFlight.get(accountId)) {
      await Promise.allSettled([...calls]);
    }
  }

  /**
   * Withdraws DM Desk's access at Meta. The stored user token has usually expired by the time the
   * last account goes, so a silent re-login gets a fresh one when it is missing, near its expiry
   * or refused.
   */
  private async revoke(): Promise<RevokeOutcome> {
    let outcome: RevokeOutcome = 'failed';
    try {
      const stored = (await this.deps.tokens.get()).user;
      const usable = stored && (stored.expiresAt === null || stored.expiresAt - this.now() > USER_TOKEN_MARGIN_MS) ? stored.token : null;
      if (usable && (await this.tryRevoke(usable))) outcome = 'revoked';
      else {
        const fresh = await this.login(false);
        if (fresh && (await this.tryRevoke(fresh))) outcome = 'revoked';
      }
    } catch (e) {
      logDiagnostic('auth', 'Could not withdraw DM Desk’s access at Meta', e);
    }
    if (outcome === 'failed') logDiagnostic('auth', 'Access at Meta was not withdrawn: no working login', undefined, 'warn');
    await this.update((t) => {
      if (Object.keys(t.pages).length === 0) t.user = null;
    });
    return outcome;
  }

  /** True when Meta confirmed; false when the token was refused (expired or revoked). */
  private async tryRevoke(userToken: string): Promise<boolean> {
    try {
      return await revokePermissions(this.deps.client, userToken);
    } catch (e) {
      if (isAuthFailure(e)) return false;
      throw e;
    }
  }

  private async login(interactive: boolean): Promise<string | null> {
    const endpoints = await this.deps.endpoints();
    if (!endpoints.appId) {
      throw new DeskError('not-configured', 'Enter your Meta app ID on the options page before connecting.');
    }
    const state = randomState();
    const url = buildDialogUrl({
      dialogUrl: endpoints.oauthDialogUrl,
      appId: endpoints.appId,
      redirectUri: this.deps.redirectUrl(),
      state,
    });
    let responseUrl: string | undefined;
    try {
      responseUrl = await this.deps.launch(url, interactive);
    } catch (e) {
      logDiagnostic('auth', interactive ? 'The Meta login window did not finish' : 'The silent Meta login did not finish', e);
      if (!interactive) return null;
      throw new DeskError(
        'auth-failed',
        'The Meta login window was closed or could not load. Check the app ID and redirect URL on the options page, then try again.',
      );
    }
    if (!responseUrl) {
      if (!interactive) return null;
      throw new DeskError('auth-failed', 'The Meta login did not finish. Try connecting again.');
    }
    const result = parseAuthRedirect(responseUrl, state, this.now());
    await this.update((t) => {
      t.user = { token: result.accessToken, expiresAt: result.expiresAt };
    });
    return result.accessToken;
  }

  /**
   * Finds the Instagram accounts behind the user's Pages and stores their Page tokens. An
   * interactive connect adds every one (bringing back disconnected ones); a silent re-login only
   * renews the accounts still connected and restores their status.
   */
  private async discover(userToken: string, interactive: boolean): Promise<number> {
    const [pages, permissions] = await Promise.all([listPages(this.deps.client, userToken), listPermissions(this.deps.client, userToken)]);
    const canMessage = permissions.some((p) => p.permission === MESSAGING_PERMISSION && p.granted);
    const existing = new Map((await listAccounts()).map((a) => [a.id, a]));
    const found = pages.flatMap((page) => (page.instagram ? [{ ...page, instagram: page.instagram }] : []));
    let kept: typeof found = [];
    await this.update((t: StoredTokens) => {
      const disconnected = t.disconnected ?? {};
      kept = interactive ? found : found.filter((p) => existing.has(p.instagram.id) && disconnected[p.instagram.id] === undefined);
      for (const page of kept) {
        const id = page.instagram.id;
        t.pages[id] = { pageId: page.pageId, token: page.pageToken };
        if (interactive) {
          delete t.disconnected?.[id];
          delete t.reauth?.[id];
        } else {
          // Renewed: the account may be tried again, but it does not get another re-login early.
          const last = t.reauth?.[id];
          if (last) last.failed = false;
        }
      }
    });
    let nextOrder = Math.max(-1, ...[...existing.values()].map((a) => a.order)) + 1;
    for (const page of kept) {
      const before = existing.get(page.instagram.id);
      const status: Account['status'] = !canMessage
        ? 'permission-required'
        : !interactive && before?.status === 'messaging-disabled'
          ? 'messaging-disabled'
          : 'ok';
      await putAccount({
        id: page.instagram.id,
        pageId: page.pageId,
        pageName: page.pageName,
        username: page.instagram.username,
        name: page.instagram.name,
        pictureUrl: page.instagram.pictureUrl,
        status,
        order: before?.order ?? nextOrder++,
        connectedAt: before?.connectedAt ?? this.now(),
      });
    }
    this.deps.onAccountsChanged();
    if (interactive && found.length === 0) {
      throw new DeskError(
        'not-found',
        'No Instagram professional account was found. Link your Instagram account to a Facebook Page you manage, then connect again.',
      );
    }
    return kept.length;
  }

  /** Reads, changes and writes the token store, one change at a time. */
  private update(change: (tokens: StoredTokens) => void): Promise<void> {
    const next = this.writes.then(async () => {
      const tokens = await this.deps.tokens.get();
      change(tokens);
      await this.deps.tokens.set(tokens);
    });
    this.writes = next.catch((e: unknown) => logDiagnostic('auth', 'Could not store the login state', e));
    return next;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
