/**
 * What an outbox item means to the person, in plain words. Shared by the side panel's bubble and
 * the popup; it imports nothing that talks to Meta, so pages can use it.
 */
import type { OutboxItem } from '../db/schema';

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
  if (item.state === 'failed') return { kind: 'failed', reason: item.error?.message ?? 'not sent' };
  if (item.state === 'unknown') {
    const overdue = now - (item.attemptedAt ?? item.createdAt) > UNKNOWN_GRACE_MS;
    return {
      kind: 'checking',
      problem:
        overdue && item.error
          ? `DM Desk can’t check yet: ${item.error.message} It keeps trying; Delete stops it (a reply that did arrive stays in the conversation).`
          : null,
    };
  }
  if (item.state === 'queued' && item.notBefore && item.notBefore > now) return { kind: 'waiting', until: item.notBefore };
  return { kind: 'sending' };
}

/** One line for a conversation's outbox (the popup's quick reply): the item that needs the person first. */
export function describeOutbox(items: OutboxItem[], now: number): string {
  const statuses = items.filter((i) => i.state !== 'sent').map((i) => outboxStatus(i, now));
  const failed = statuses.find((s) => s.kind === 'failed');
  if (failed) return `Failed — ${failed.reason}`;
  if (statuses.some((s) => s.kind === 'checking')) return 'Checking whether it was sent…';
  if (statuses.some((s) => s.kind === 'waiting')) return 'Waiting — Instagram asked DM Desk to slow down';
  if (statuses.length > 0) return 'Sending…';
  return 'Sent';
}
