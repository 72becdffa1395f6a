/**
 * Meta's login dialog and what comes of it: the user token, and the Instagram accounts behind the
 * user's Pages with their Page tokens. An interactive login (Connect) adds every account found and
 * brings back disconnected ones; a silent one only renews the accounts still connected.
 */
import { listAccounts, putAccount } from '../db';
import type { Account } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { listPages, listPermissions } from '../graph/api';
import { t } from '../i18n';
import type { AuthContext } from './context';
import { MESSAGING_PERMISSION, buildDialogUrl, parseAuthRedirect, randomState } from './oauth';
import type { StoredTokens } from './token-store';

/** Runs Meta's login dialog and stores the user token. Null when a silent login did not finish. */
export async function login(ctx: AuthContext, interactive: boolean): Promise<string | null> {
  const endpoints = await ctx.deps.endpoints();
  if (!endpoints.appId) {
    throw new DeskError('not-configured', t('auth.noAppId'));
  }
  const state = randomState();
  const url = buildDialogUrl({
    dialogUrl: endpoints.oauthDialogUrl,
    appId: endpoints.appId,
    redirectUri: ctx.deps.redirectUrl(),
    state,
  });
  let responseUrl: string | undefined;
  try {
    responseUrl = await ctx.deps.launch(url, interactive);
  } catch (e) {
    logDiagnostic('auth', interactive ? 'The Meta login window did not finish' : 'The silent Meta login did not finish', e);
    if (!interactive) return null;
    throw new DeskError('auth-failed', t('auth.windowFailed'));
  }
  if (!responseUrl) {
    if (!interactive) return null;
    throw new DeskError('auth-failed', t('auth.unfinished'));
  }
  const result = parseAuthRedirect(responseUrl, state, ctx.now());
  await ctx.update((tokens) => {
    tokens.user = { token: result.accessToken, expiresAt: result.expiresAt };
  });
  return result.accessToken;
}

/**
 * Finds the Instagram accounts behind the user's Pages and stores their Page tokens. An
 * interactive connect adds every one (bringing back disconnected ones); a silent re-login only
 * renews the accounts still connected and restores their status.
 */
export async function discover(ctx: AuthContext, userToken: string, interactive: boolean): Promise<number> {
  const { client } = ctx.deps;
  const [pages, permissions] = await Promise.all([listPages(client, userToken), listPermissions(client, userToken)]);
  const canMessage = permissions.some((p) => p.permission === MESSAGING_PERMISSION && p.granted);
  const existing = new Map((await listAccounts()).map((a) => [a.id, a]));
  const found = pages.flatMap((page) => (page.instagram ? [{ ...page, instagram: page.instagram }] : []));
  let kept: typeof found = [];
  await ctx.update((tokens: StoredTokens) => {
    const disconnected = tokens.disconnected ?? {};
    kept = interactive ? found : found.filter((p) => existing.has(p.instagram.id) && disconnected[p.instagram.id] === undefined);
    for (const page of kept) {
      const id = page.instagram.id;
      tokens.pages[id] = { pageId: page.pageId, token: page.pageToken };
      if (interactive) {
        delete tokens.disconnected?.[id];
        delete tokens.reauth?.[id];
      } else {
        // Renewed: the account may be tried again, but it does not get another re-login early.
        const last = tokens.reauth?.[id];
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
      connectedAt: before?.connectedAt ?? ctx.now(),
    });
  }
  ctx.deps.onAccountsChanged();
  if (interactive && found.length === 0) {
    throw new DeskError('not-found', t('auth.noAccount'));
  }
  return kept.length;
}
