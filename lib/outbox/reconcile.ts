/**
 * Reconciling a send whose outcome is unknown (timeout, network drop, cut-off or unreadable 200,
 * 5xx, code 1/2, a stopped worker): Meta may have stored it, so it is never sent again blindly.
 *
 * The newest messages Meta holds are read, and an own message that is newer than the newest ids
 * the thread had before the attempt (`baseline`), that no outbox item or cached DM Desk message
 * has claimed, and whose content matches, is the reply; a failed read proves nothing and is tried
 * again later. Only when the thread proves it is not there — after a grace period long enough for
 * a slow Meta to finish storing — does it become failed, and only then may the person Retry.
 * (When more than a page of messages arrived since the attempt, Meta's newest messages cannot
 * prove it either way: it is marked failed with a reason that asks the person to look first.)
 */
import { getMessages, listMessagesPage } from '../db';
import { listOutboxQueue } from '../db/outbox-queue';
import type { OutboxItem, OutboxPart } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { toDeskError } from '../errors-map';
import { MESSAGE_DETAIL_LIMIT, getConversationMessages } from '../graph/api';
import type { GraphMessage } from '../graph/types';
import { t } from '../i18n';
import { unsentParts, type OutboxContext } from './context';
import { acknowledge, ensureRecorded, finalize } from './record';
import { recheckWaitMs } from './waits';

/** Newest cached message ids kept as the baseline: several, so one deleted message does not lose the anchor. */
const BASELINE_SIZE = 5;

/** The newest message ids the thread had before an attempt (from the cache, newest first). */
export async function baselineOf(conversationId: string): Promise<string[]> {
  return (await listMessagesPage(conversationId, { limit: BASELINE_SIZE })).map((m) => m.id);
}

/** Meta may normalise line ends; nothing else about the text is expected to change. */
function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
  return norm(a) === norm(b);
}

/** Whether a message Meta holds has the content of one part of a reply. */
export function matchesPart(m: GraphMessage, item: OutboxItem, part: OutboxPart): boolean {
  if (part === 'text') return m.attachments.length === 0 && sameText(m.text, item.text);
  return m.attachments.length > 0 && m.attachments.every((a) => a.type === 'image' || a.type === 'gif') && m.text.trim() === '';
}

/**
 * The messages of a read (newest first, as Meta serves them) that are newer than the baseline:
 * those above the newest baseline id found. `complete` says whether the read can prove a message
 * absent: it reached back to the baseline, or it is the whole thread.
 */
export function newerThan(read: GraphMessage[], baseline: string[]): { candidates: GraphMessage[]; complete: boolean } {
  // Meta documents newest first; should a read ever come oldest first, turn it round.
  const first = read[0];
  const last = read[read.length - 1];
  const ordered = first && last && first.createdTime < last.createdTime ? [...read].reverse() : read;
  const known = new Set(baseline);
  const anchor = ordered.findIndex((m) => known.has(m.id));
  if (anchor >= 0) return { candidates: ordered.slice(0, anchor), complete: true };
  return { candidates: ordered, complete: ordered.length < MESSAGE_DETAIL_LIMIT };
}

/**
 * Meta ids already spoken for: every outbox item's, and cached messages DM Desk sent. A message
 * claimed by one reply can never be claimed by another.
 */
async function claimedIds(candidateIds: string[]): Promise<Set<string>> {
  const claimed = new Set<string>();
  for (const other of await listOutboxQueue()) for (const id of other.messageIds) claimed.add(id);
  for (const m of await getMessages(candidateIds)) if (m.sentVia === 'dmdesk') claimed.add(m.id);
  return claimed;
}

/**
 * Looks for an unknown item's in-doubt part in the thread. Returns the item as it is now, or null
 * when it is gone (finished).
 */
export async function reconcile(ctx: OutboxContext, unknown: OutboxItem): Promise<OutboxItem | null> {
  let item: OutboxItem = unknown;
  await ensureRecorded(ctx, item);
  const parts = unsentParts(item);
  if (parts.length === 0) {
    await finalize(ctx, item);
    return null;
  }
  // Stopped while uploading (or never started a part): no message can exist.
  const inDoubt = item.stage === 'images' || item.stage === 'text' ? item.stage : parts[0];
  if (item.stage === 'upload' || !inDoubt || !parts.includes(inDoubt)) return await ctx.requeue(item);

  let read: GraphMessage[];
  try {
    read = await ctx.deps.auth.withPageToken(item.accountId, (page) =>
      getConversationMessages(ctx.deps.client, {
        pageId: page.pageId,
        pageToken: page.token,
        budgetKey: item.accountId,
        conversationId: item.conversationId,
        limit: MESSAGE_DETAIL_LIMIT,
      }),
    );
  } catch (e) {
    // Not knowing is no answer: stay unknown and look again later.
    logDiagnostic('outbox', 'Could not read the thread to check a send; will check again', e);
    const err = toDeskError(e);
    return ctx.update({
      ...item,
      notBefore: ctx.now() + recheckWaitMs(e, ctx.recheckMs),
      error: { kind: 'check-failed', message: err.message },
    });
  }

  const { candidates, complete } = newerThan(read, item.baseline ?? []);
  const claimed = await claimedIds(candidates.map((m) => m.id));
  // Oldest first, so of two identical replies the earlier one claims the earlier message.
  const match = [...candidates].reverse().find((m) => m.from?.id === item.accountId && !claimed.has(m.id) && matchesPart(m, item, inDoubt));
  if (match) {
    item = await acknowledge(ctx, item, inDoubt, match.id, match.createdTime);
    if (unsentParts(item).length === 0) {
      await finalize(ctx, item);
      return null;
    }
    // The in-doubt part arrived; what follows it was never sent.
    return await ctx.requeue(item);
  }

  const attemptedAt = item.attemptedAt ?? item.createdAt;
  if (ctx.now() - attemptedAt < ctx.graceMs) {
    return ctx.update({ ...item, error: null, notBefore: Math.min(ctx.now() + ctx.recheckMs, attemptedAt + ctx.graceMs) });
  }
  if (!complete) {
    // More than a page of messages arrived since the attempt: what Meta serves cannot show
    // whether it is there. Sending again could duplicate it, so the person decides.
    return ctx.fail(item, new DeskError('failed', t('errors.replyUnconfirmed')));
  }
  // Proven absent: Meta had the grace period to store it and the thread does not have it.
  // It is not sent again on its own: the person sees that it did not arrive and chooses —
  // Retry, Edit (the moment may have passed, or the wording should change) or Delete. A send
  // that went wrong in an unclear way is exactly the one a person wants to look at, and no
  // automatic resend can ever add a second copy behind their back.
  return ctx.fail(item, new DeskError('failed', t('errors.replyNotTaken')));
}
