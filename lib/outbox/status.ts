/**
 * What an outbox item means to the person, in plain words. Shared by the side panel's bubble and
 * the popup; it imports nothing that talks to Meta, so pages can use it.
 */
import type { OutboxItem } from '../db/schema';
import { t } from '../i18n';

/**
 * A send Meta holds for longer than our client waits may still be stored. Ninety seconds is six
 * times the client's send timeout and more than three times the longest hold seen in testing
 * (25 s); until then, "not in the thread" only means "not yet".
 */
export const UNKNOWN_GRACE_MS = 90_000;

export type OutboxStatus =
  /** On its way (or queued behind an earlier reply of the conversation). */
  | { kind: 'sending' }
  /** Meta's answer was lost: DM Desk is looking for it in the conversation. `problem` once checks keep failing. */
  | { kind: 'checking'; problem: string | null }
  /** Instagram's rate limit: it goes at `until`. */
  | { kind: 'waiting'; until: number }
  /** Meta said no, or the conversation proved it was not delivered: Retry, Edit or Delete. */
  | { kind: 'failed'; reason: string };

export function outboxStatus(item: OutboxItem, now: number): OutboxStatus {
  if (item.state === 'failed') return { kind: 'failed', reason: item.error?.message ?? t('composer.outboxNotSent') };
  if (item.state === 'unknown') {
    const overdue = now - (item.attemptedAt ?? item.createdAt) > UNKNOWN_GRACE_MS;
    return {
      kind: 'checking',
      problem: overdue && item.error ? t('composer.outboxCantCheck', { problem: item.error.message }) : null,
    };
  }
  if (item.state === 'queued' && item.notBefore && item.notBefore > now) return { kind: 'waiting', until: item.notBefore };
  return { kind: 'sending' };
}

/** One line for a conversation's outbox (the popup's quick reply): the item that needs the person first. */
export function describeOutbox(items: OutboxItem[], now: number): string {
  const statuses = items.filter((i) => i.state !== 'sent').map((i) => outboxStatus(i, now));
  const failed = statuses.find((s) => s.kind === 'failed');
  if (failed) return t('composer.outboxFailed', { reason: failed.reason });
  if (statuses.some((s) => s.kind === 'checking')) return t('composer.outboxChecking');
  if (statuses.some((s) => s.kind === 'waiting')) return t('composer.outboxWaiting');
  if (statuses.length > 0) return t('composer.outboxSending');
  return t('message.sent');
}
