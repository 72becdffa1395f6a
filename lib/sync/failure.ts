/**
 * What a failed sync leaves behind: the error in words a person can act on, when a rate-limited
 * account may be asked again, and the account's status where the failure is about the account
 * (a missing permission, messaging turned off, an expired login).
 */
import { getAccount, putAccount, updateSyncState } from '../db';
import type { SyncErrorKind } from '../db/schema';
import { DeskError } from '../errors';
import { formatNumber } from '../format/numbers';
import { GraphError, describeGraphErrorKind } from '../graph/errors';
import { t } from '../i18n';
import type { SyncContext } from './context';

/** Records a failed run in the sync state (keeping the threads still to be read whole) and the account's status. */
export async function recordFailure(ctx: SyncContext, accountId: string, e: unknown, partial: Record<string, number>): Promise<void> {
  const { kind, message } = describeSyncFailure(e);
  const resumeAt =
    e instanceof GraphError && e.kind === 'rate-limit'
      ? Math.max(ctx.deps.client.budget.blockedUntil(accountId), ctx.now() + (e.retryAfterMs ?? 0))
      : null;
  await updateSyncState(accountId, {
    running: false,
    error: { kind, message: resumeAt !== null ? describeRateLimitWait(resumeAt - ctx.now()) : message, at: ctx.now() },
    partialThreads: partial,
    ...(resumeAt !== null ? { resumeAt } : {}),
  });
  const status =
    kind === 'permission'
      ? 'permission-required'
      : kind === 'messaging-disabled'
        ? 'messaging-disabled'
        : kind === 'auth'
          ? 'reconnect'
          : null;
  const current = await getAccount(accountId);
  if (status && current && current.status !== status) {
    await putAccount({ ...current, status });
    ctx.deps.notify({ type: 'accounts-changed' });
  }
}

/** What a person reads while Meta makes an account wait: how long, roughly, in whole minutes. */
export function describeRateLimitWait(waitMs: number): string {
  if (waitMs < 60_000) return describeGraphErrorKind('rate-limit');
  const minutes = Math.ceil(waitMs / 60_000);
  return t('sync.rateLimitWait', minutes, { count: formatNumber(minutes) });
}

export function describeSyncFailure(e: unknown): { kind: SyncErrorKind; message: string } {
  if (e instanceof GraphError) {
    if (e.kind === 'permission') return { kind: 'permission', message: describeGraphErrorKind('permission') };
    if (e.kind === 'messaging-disabled') return { kind: 'messaging-disabled', message: describeGraphErrorKind('messaging-disabled') };
    if (e.kind === 'auth') return { kind: 'auth', message: describeGraphErrorKind('auth') };
    if (e.kind === 'rate-limit') return { kind: 'rate-limit', message: describeGraphErrorKind('rate-limit') };
    return { kind: 'failed', message: describeGraphErrorKind(e.kind) };
  }
  if (e instanceof DOMException && e.name === 'QuotaExceededError') {
    return { kind: 'failed', message: t('sync.storageFull') };
  }
  if (e instanceof DeskError) {
    if (e.kind === 'auth') return { kind: 'auth', message: e.message };
    if (e.kind === 'permission') return { kind: 'permission', message: e.message };
  }
  return { kind: 'failed', message: describeGraphErrorKind('unknown') };
}
