/**
 * Connecting, staying connected and disconnecting. Runs in the background only.
 */
import type { MetaEndpoints } from '../config';
import { deleteAccountData, listAccounts, putAccount } from '../db';
import type { Account } from '../db/schema';
import { DeskError } from '../errors';
import { listPages, listPermissions, revokePermissions } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import { MESSAGING_PERMISSION, buildDialogUrl, parseAuthRedirect, randomState } from './oauth';
import type { TokenStore } from './token-store';

export interface AuthDeps {
  client: GraphClient;
  endpoints: () => Promise<MetaEndpoints>;
  launch: (url: string, interactive: boolean) => Promise<string | undefined>;
  redirectUrl: () => string;
  tokens: TokenStore;
  onAccountsChanged: () => void;
  now?: () => number;
}

export class AuthService {
  private silentReauth: Promise<boolean> | null = null;

  constructor(private readonly deps: AuthDeps) {}

  /** Interactive connect: Meta login, then discover every Instagram account the user manages. */
  async connect(): Promise<number> {
    const token = await this.login(true);
    if (!token) throw new DeskError('auth-failed', 'The Meta login did not finish. Try connecting again.');
    return this.discover(token);
  }

  /**
   * One silent re-login (`interactive: false`) shared by every caller that hit an expired token.
   * On failure every account shows "Reconnect"; nothing cached is deleted.
   */
  reauthenticateSilently(): Promise<boolean> {
    this.silentReauth ??= (async () => {
      try {
        const token = await this.login(false);
        if (token) {
          await this.discover(token);
          return true;
        }
      } catch {
        // fall through: the user has to reconnect
      }
      await this.markAll('reconnect');
      return false;
    })().finally(() => {
      this.silentReauth = null;
    });
    return this.silentReauth;
  }

  async pageTokenFor(accountId: string): Promise<{ pageId: string; token: string }> {
    const tokens = await this.deps.tokens.get();
    const page = tokens.pages[accountId];
    if (!page) throw new DeskError('auth', 'This account is not connected any more. Reconnect it on the connections page.');
    return page;
  }

  /**
   * Runs `call` with the account's Page token. An expired token (190) triggers one silent re-login
   * and one retry; if that fails the account is marked "Reconnect".
   */
  async withPageToken<T>(accountId: string, call: (page: { pageId: string; token: string }) => Promise<T>): Promise<T> {
    const page = await this.pageTokenFor(accountId);
    try {
      return await call(page);
    } catch (e) {
      if (!(e instanceof GraphError) || e.kind !== 'auth') throw e;
      const ok = await this.reauthenticateSilently();
      if (!ok) throw new DeskError('auth', 'Your Meta login has expired. Reconnect the account on the connections page.');
      return call(await this.pageTokenFor(accountId));
    }
  }

  /** Removes one account and its cache. The last account to go also revokes DM Desk's access at Meta. */
  async disconnect(accountId: string): Promise<void> {
    const tokens = await this.deps.tokens.get();
    const remaining = Object.keys(tokens.pages).filter((id) => id !== accountId);
    if (remaining.length === 0 && tokens.user) {
      try {
        await revokePermissions(this.deps.client, tokens.user.token);
      } catch {
        // Revoking is best effort: an expired token cannot revoke, and the local data goes anyway.
      }
    }
    delete tokens.pages[accountId];
    if (remaining.length === 0) tokens.user = null;
    await this.deps.tokens.set(tokens);
    await deleteAccountData(accountId);
    this.deps.onAccountsChanged();
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
    } catch {
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
    const tokens = await this.deps.tokens.get();
    tokens.user = { token: result.accessToken, expiresAt: result.expiresAt };
    await this.deps.tokens.set(tokens);
    return result.accessToken;
  }

  /** Finds the Instagram accounts behind the user's Pages and stores their Page tokens. */
  private async discover(userToken: string): Promise<number> {
    const [pages, permissions] = await Promise.all([listPages(this.deps.client, userToken), listPermissions(this.deps.client, userToken)]);
    const canMessage = permissions.some((p) => p.permission === MESSAGING_PERMISSION && p.granted);
    const existing = new Map((await listAccounts()).map((a) => [a.id, a]));
    let nextOrder = Math.max(-1, ...[...existing.values()].map((a) => a.order)) + 1;
    const tokens = await this.deps.tokens.get();
    let count = 0;
    for (const page of pages) {
      if (!page.instagram) continue;
      count += 1;
      const before = existing.get(page.instagram.id);
      const account: Account = {
        id: page.instagram.id,
        pageId: page.pageId,
        pageName: page.pageName,
        username: page.instagram.username,
        name: page.instagram.name,
        pictureUrl: page.instagram.pictureUrl,
        status: canMessage ? 'ok' : 'permission-required',
        order: before?.order ?? nextOrder++,
        connectedAt: before?.connectedAt ?? this.now(),
      };
      tokens.pages[account.id] = { pageId: page.pageId, token: page.pageToken };
      await putAccount(account);
    }
    await this.deps.tokens.set(tokens);
    this.deps.onAccountsChanged();
    if (count === 0) {
      throw new DeskError(
        'not-found',
        'No Instagram professional account was found. Link your Instagram account to a Facebook Page you manage, then connect again.',
      );
    }
    return count;
  }

  private async markAll(status: Account['status']): Promise<void> {
    for (const account of await listAccounts()) {
      if (account.status !== status) await putAccount({ ...account, status });
    }
    this.deps.onAccountsChanged();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
