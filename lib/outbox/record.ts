/**
 * Persisting what Meta acknowledged, in the one order that makes a second send impossible: the
 * message id onto the outbox item first, then the message into the cache, then the images are
 * deleted, then the item. A worker stopped between any two of these steps leaves a state the next
 * run completes without sending again.
 */
import { deleteOutboxItem, deleteUploads, getMessages } from '../db';
import { plainMessage, type OutboxItem, type OutboxPart } from '../db/schema';
import { recordSentMessage, updateMessage } from '../sync/merge';
import { partsOf, type OutboxContext } from './context';

/**
 * Meta accepted a part: its id goes onto the item first (the one write that makes a second
 * send impossible), then the message into the cache, then its images go.
 */
export async function acknowledge(
  ctx: OutboxContext,
  item: OutboxItem,
  part: OutboxPart,
  messageId: string,
  createdTime: number,
): Promise<OutboxItem> {
  const sentParts = [...item.sentParts, part];
  const done = partsOf(item).every((p) => sentParts.includes(p));
  const next: OutboxItem = {
    ...item,
    messageIds: [...item.messageIds, messageId],
    sentParts,
    state: done ? 'sent' : item.state,
    error: null,
  };
  await ctx.save(next);
  await ctx.deps.checkpoint?.('acknowledged', next);
  await ensureRecorded(ctx, next, new Map([[messageId, createdTime]]));
  await ctx.deps.checkpoint?.('recorded', next);
  if (part === 'images') await deleteUploads(item.uploadIds);
  ctx.deps.notify({ type: 'conversations-changed', accountId: item.accountId, conversationIds: [item.conversationId] });
  return next;
}

/**
 * Puts every message the item claimed into the cache as sent from DM Desk, unless it is there
 * already (a sync may have stored it first, with its full content: only its origin is set).
 */
export async function ensureRecorded(ctx: OutboxContext, item: OutboxItem, times = new Map<string, number>()): Promise<void> {
  const stored = new Map((await getMessages(item.messageIds)).map((m) => [m.id, m]));
  for (const [i, id] of item.messageIds.entries()) {
    const part = item.sentParts[i];
    if (!part) continue;
    const cached = stored.get(id);
    if (cached) {
      if (cached.sentVia !== 'dmdesk') await updateMessage(id, (m) => ({ ...m, sentVia: 'dmdesk' }));
      continue;
    }
    await recordSentMessage(
      plainMessage({
        id,
        conversationId: item.conversationId,
        accountId: item.accountId,
        createdTime: times.get(id) ?? item.attemptedAt ?? ctx.now(),
        fromId: item.accountId,
        isOwn: true,
        text: part === 'text' ? item.text : '',
        kind: part === 'images' ? 'image' : 'text',
        sentVia: 'dmdesk',
      }),
    );
  }
}

/** Everything went out: make sure the cache has it, then let the item and its images go. */
export async function finalize(ctx: OutboxContext, item: OutboxItem): Promise<void> {
  await ensureRecorded(ctx, item);
  await deleteUploads(item.uploadIds);
  await ctx.deps.checkpoint?.('uploads-deleted', item);
  await deleteOutboxItem(item.id);
  ctx.changed(item);
}
