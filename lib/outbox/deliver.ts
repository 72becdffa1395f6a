/**
 * One delivery attempt of a queued reply: its images are uploaded and sent, then its text. The
 * attempt is stored (with the thread's baseline) before any request goes out, and each part's
 * stage before its request, so a stopped worker leaves something the next run can reconcile.
 * `settle` decides what an attempt that threw leaves behind: failed, queued for later, or unknown.
 */
import { getAccount, getConversation, getUploads } from '../db';
import type { OutboxItem, OutboxPart } from '../db/schema';
import { markWindowClosed } from '../db/cache-writes';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { sendImages, sendText, uploadImage, type SendRequest } from '../graph/api';
import { GraphError, type GraphErrorKind } from '../graph/errors';
import { t } from '../i18n';
import { describeReplyWindow, replyWindow } from '../policy/reply-window';
import { unsentParts, ItemGone, type OutboxContext } from './context';
import { baselineOf } from './reconcile';
import { acknowledge, finalize } from './record';
import { sendWaitMs } from './waits';

/** Errors after which Meta has certainly not stored the message. */
const DEFINITE: ReadonlySet<GraphErrorKind> = new Set<GraphErrorKind>([
  'auth',
  'permission',
  'messaging-disabled',
  'window-closed',
  'recipient-unavailable',
  'invalid-request',
  'deleted',
]);

type PageToken = { pageId: string; token: string };

/** Moves a queued item through one attempt. Returns it as it is left (null when it went out and is gone). */
export async function deliver(ctx: OutboxContext, queued: OutboxItem): Promise<OutboxItem | null> {
  const { deps } = ctx;
  const account = await getAccount(queued.accountId);
  const conversation = await getConversation(queued.conversationId);
  if (!account || !conversation) {
    return ctx.fail(queued, new DeskError('not-found', t('errors.conversationGone')));
  }
  const window = replyWindow(conversation, ctx.now(), await deps.humanAgent());
  if (window.state === 'closed') {
    return ctx.fail(queued, new DeskError('window-closed', describeReplyWindow(window, ctx.now())));
  }
  const target = { recipientId: conversation.participant.id, humanAgent: window.state === 'human-agent' };
  const parts = unsentParts(queued);
  if (parts.length === 0) {
    await finalize(ctx, queued);
    return null;
  }
  // Persisted before any request: if the worker stops now, the next one reconciles first.
  let item: OutboxItem = {
    ...queued,
    state: 'sending',
    attemptedAt: ctx.now(),
    attempts: queued.attempts + 1,
    notBefore: null,
    error: null,
    stage: parts[0] === 'images' ? 'upload' : 'text',
    baseline: await baselineOf(queued.conversationId),
  };
  try {
    await ctx.update(item);
    await deps.checkpoint?.('attempt-stored', item);
    if (parts.includes('images')) {
      const attachmentIds = await uploadImages(ctx, item, account.id);
      item = await startPart(ctx, item, 'images');
      await deps.checkpoint?.('uploaded', item);
      const request = (page: PageToken): SendRequest & { attachmentIds: string[] } => ({
        pageId: page.pageId,
        pageToken: page.token,
        budgetKey: item.accountId,
        ...target,
        attachmentIds,
      });
      const result = await deps.auth.withPageToken(account.id, (page) => sendImages(deps.client, request(page)));
      await deps.checkpoint?.('answered', item);
      item = await acknowledge(ctx, item, 'images', result.messageId, ctx.now());
    }
    if (parts.includes('text')) {
      if (item.stage !== 'text') item = await startPart(ctx, item, 'text');
      const text = item.text;
      const result = await deps.auth.withPageToken(account.id, (page) =>
        sendText(deps.client, { pageId: page.pageId, pageToken: page.token, budgetKey: item.accountId, ...target, text }),
      );
      await deps.checkpoint?.('answered', item);
      item = await acknowledge(ctx, item, 'text', result.messageId, ctx.now());
    }
    await finalize(ctx, item);
    return null;
  } catch (e) {
    if (e instanceof ItemGone) throw e;
    return await settle(ctx, item, e);
  }
}

/** Uploads the reply's images one by one, telling the composer how each went. Returns Meta's attachment ids. */
async function uploadImages(ctx: OutboxContext, item: OutboxItem, accountId: string): Promise<string[]> {
  const { deps } = ctx;
  const uploads = await getUploads(item.uploadIds);
  if (uploads.length !== item.uploadIds.length) throw new DeskError('not-found', t('errors.replyImageGone'));
  const attachmentIds: string[] = [];
  for (const upload of uploads) {
    deps.notify({ type: 'upload-progress', conversationId: item.conversationId, uploadId: upload.id, state: 'uploading' });
    try {
      attachmentIds.push(
        await deps.auth.withPageToken(accountId, (page) =>
          uploadImage(deps.client, {
            pageId: page.pageId,
            pageToken: page.token,
            budgetKey: item.accountId,
            blob: upload.blob,
            fileName: upload.name,
          }),
        ),
      );
      deps.notify({ type: 'upload-progress', conversationId: item.conversationId, uploadId: upload.id, state: 'uploaded' });
    } catch (e) {
      // Told to the composer here; the attempt's own catch decides what the item becomes.
      deps.notify({ type: 'upload-progress', conversationId: item.conversationId, uploadId: upload.id, state: 'failed' });
      throw e;
    }
  }
  return attachmentIds;
}

/** Records which request is about to go out, and when, before it does. */
async function startPart(ctx: OutboxContext, item: OutboxItem, part: OutboxPart): Promise<OutboxItem> {
  const next: OutboxItem = { ...item, stage: part, attemptedAt: ctx.now() };
  await ctx.save(next);
  return next;
}

/** What an attempt that threw leaves behind: failed, queued for later, or unknown. */
async function settle(ctx: OutboxContext, item: OutboxItem, e: unknown): Promise<OutboxItem> {
  const uploading = item.stage === 'upload';
  if (e instanceof GraphError && e.kind === 'rate-limit') {
    // Refused before anything was done: nothing went out. Wait as long as Meta asks.
    const next: OutboxItem = { ...item, state: 'queued', stage: null, notBefore: ctx.now() + sendWaitMs(e), error: null };
    logDiagnostic('outbox', 'A reply was rate-limited and waits for Meta', e, 'info');
    return ctx.update(next);
  }
  if (e instanceof GraphError && e.kind === 'window-closed') {
    await markWindowClosed(item.conversationId);
    ctx.deps.notify({ type: 'conversations-changed', accountId: item.accountId, conversationIds: [item.conversationId] });
    return ctx.fail(
      item,
      new DeskError('window-closed', describeReplyWindow({ state: 'closed', reason: 'refused', closedAt: null }, ctx.now())),
    );
  }
  // An upload creates no message, and our own refusals (DeskError) happen before any request:
  // whatever went wrong there, nothing can have reached the customer.
  const definite = uploading || e instanceof DeskError || (e instanceof GraphError && DEFINITE.has(e.kind));
  if (definite) return ctx.fail(item, e);
  // transient (5xx, code 2, 1/1357046), network (drop, timeout), malformed (cut-off 200),
  // too-much-data (code 1 on a send is Meta's generic "unknown error"), unknown, or anything
  // unexpected: Meta may have stored the message. Check the thread before anything else.
  logDiagnostic('outbox', 'A send ended without a definite answer; checking the thread', e);
  return ctx.update({ ...item, state: 'unknown', notBefore: ctx.now(), error: null });
}
