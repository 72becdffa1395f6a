/**
 * The persistent outbox: every reply is written to IndexedDB before the first attempt and leaves
 * it only once Meta accepted it. A message never goes out twice: an attempt interrupted half-way
 * (service worker stopped, browser closed) is reconciled against the thread before any retry.
 */
import type { AuthService } from '../auth/service';
import {
  deleteOutboxItem,
  deleteUploads,
  getAccount,
  getConversation,
  getOutboxItem,
  getUploads,
  listOutboxByState,
  putOutboxItem,
} from '../db';
import { plainMessage, type MessageKind, type OutboxItem } from '../db/schema';
import { DeskError } from '../errors';
import { toDeskError } from '../errors-map';
import { MAX_TEXT_BYTES, utf8Length } from '../format/text';
import { SEND_TIMEOUT_MS, getConversationMessages, sendImages, sendText, uploadImage } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import type { Notice } from '../messaging/protocol';
import { checkImages } from '../policy/attachments';
import { describeReplyWindow, replyWindow } from '../policy/reply-window';
import { markWindowClosed, recordSentMessage } from '../sync/merge';

export interface OutboxDeps {
  client: GraphClient;
  auth: AuthService;
  humanAgent: () => Promise<boolean>;
  notify: (notice: Notice) => void;
  now?: () => number;
  /**
   * An attempt older than this whose outcome is unknown is checked against the thread. It must
   * exceed the send timeout, so a request still in flight is never mistaken for a lost one.
   */
  reconcileAfterMs?: number;
}

const RECONCILE_AFTER_MS = SEND_TIMEOUT_MS + 5_000;
/** Graph times have whole-second precision and clocks drift a little. */
const CLOCK_SLACK_MS = 2_000;

export interface ReplyRequest {
  accountId: string;
  conversationId: string;
  text: string;
  uploadIds?: string[];
}

export class Outbox {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: OutboxDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Checks the reply, stores it, and starts delivering it. Resolves once it is safely stored. */
  async enqueue(req: ReplyRequest): Promise<OutboxItem> {
    const text = req.text.trim();
    const uploads = await getUploads(req.uploadIds ?? []);
    if (text === '' && uploads.length === 0) throw new DeskError('invalid-request', 'Type a message or add an image before sending.');
    if (utf8Length(text) > MAX_TEXT_BYTES) {
      throw new DeskError(
        'invalid-request',
        `Instagram accepts at most ${MAX_TEXT_BYTES} bytes per message. Shorten the message and send again.`,
      );
    }
    const problem = checkImages([], uploads).errors[0];
    if (problem) throw new DeskError('invalid-request', problem);
    const conversation = await getConversation(req.conversationId);
    if (!conversation || conversation.accountId !== req.accountId) {
      throw new DeskError('not-found', 'This conversation is no longer in DM Desk. Refresh and try again.');
    }
    const item: OutboxItem = {
      id: crypto.randomUUID(),
      accountId: req.accountId,
      conversationId: req.conversationId,
      text,
      uploadIds: uploads.map((u) => u.id),
      state: 'queued',
      createdAt: this.now(),
      attemptedAt: null,
      attempts: 0,
      messageIds: [],
      sentParts: [],
      error: null,
    };
    await putOutboxItem(item);
    this.changed(item);
    void this.process();
    return item;
  }

  /** Sends a failed item again, optionally with edited text. */
  async retry(id: string, text?: string): Promise<void> {
    const item = await getOutboxItem(id);
    if (!item || item.state !== 'failed') return;
    const next: OutboxItem = { ...item, state: 'queued', error: null, text: text?.trim() || item.text };
    await putOutboxItem(next);
    this.changed(next);
    void this.process();
  }

  /** Discards a failed item (and its images). */
  async discard(id: string): Promise<void> {
    const item = await getOutboxItem(id);
    if (!item || item.state === 'sending') return;
    await deleteUploads(item.uploadIds);
    await deleteOutboxItem(id);
    this.changed(item);
  }

  /** Delivers queued items one at a time; concurrent calls share one run. */
  process(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.reconcileInterrupted();
        for (const item of (await listOutboxByState('queued')).sort((a, b) => a.createdAt - b.createdAt)) {
          await this.deliver(item);
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Items left in 'sending' by a stopped worker: once their attempt can no longer be in flight,
   * look for them in the thread; what arrived is marked sent, the rest goes back to the queue.
   */
  private async reconcileInterrupted(): Promise<void> {
    const wait = this.deps.reconcileAfterMs ?? RECONCILE_AFTER_MS;
    for (const item of await listOutboxByState('sending')) {
      if (this.inFlight.has(item.id)) continue;
      const age = this.now() - (item.attemptedAt ?? 0);
      if (age < wait) {
        setTimeout(() => void this.process(), wait - age + 100);
        continue;
      }
      try {
        const found = await this.deps.auth.withPageToken(item.accountId, (page) =>
          getConversationMessages(this.deps.client, {
            pageId: page.pageId,
            pageToken: page.token,
            budgetKey: item.accountId,
            conversationId: item.conversationId,
            limit: 20,
          }),
        );
        const since = (item.attemptedAt ?? item.createdAt) - CLOCK_SLACK_MS;
        const own = found.filter((m) => m.from?.id === item.accountId && m.createdTime >= since && !item.messageIds.includes(m.id));
        let next: OutboxItem = { ...item };
        if (!next.sentParts.includes('images') && next.uploadIds.length > 0) {
          const images = own.find((m) => m.attachments.length > 0);
          if (images) next = await this.markPartSent(next, 'images', images.id, images.createdTime);
        }
        if (!next.sentParts.includes('text') && next.text !== '') {
          const text = own.find((m) => m.text.trim() === next.text);
          if (text) next = await this.markPartSent(next, 'text', text.id, text.createdTime);
        }
        await this.finishOrRequeue(next);
      } catch (e) {
        await this.fail(item, e);
      }
    }
  }

  private readonly inFlight = new Set<string>();

  private async deliver(queued: OutboxItem): Promise<void> {
    const account = await getAccount(queued.accountId);
    const conversation = await getConversation(queued.conversationId);
    if (!account || !conversation) {
      await this.fail(queued, new DeskError('not-found', 'This conversation is no longer in DM Desk.'));
      return;
    }
    const window = replyWindow(conversation, this.now(), await this.deps.humanAgent());
    if (window.state === 'closed') {
      await this.fail(queued, new DeskError('window-closed', describeReplyWindow(window, this.now())));
      return;
    }
    const target = { recipientId: conversation.participant.id, humanAgent: window.state === 'human-agent' };
    // Persisted before the request: if the worker stops now, the next one reconciles first.
    let item: OutboxItem = { ...queued, state: 'sending', attemptedAt: this.now(), attempts: queued.attempts + 1 };
    await putOutboxItem(item);
    this.changed(item);
    this.inFlight.add(item.id);
    try {
      if (item.uploadIds.length > 0 && !item.sentParts.includes('images')) {
        const uploads = await getUploads(item.uploadIds);
        if (uploads.length !== item.uploadIds.length)
          throw new DeskError('not-found', 'An image of this reply is no longer available. Delete the reply and attach it again.');
        const attachmentIds: string[] = [];
        for (const upload of uploads) {
          this.deps.notify({ type: 'upload-progress', conversationId: item.conversationId, uploadId: upload.id, state: 'uploading' });
          try {
            attachmentIds.push(
              await this.deps.auth.withPageToken(account.id, (page) =>
                uploadImage(this.deps.client, { pageId: page.pageId, pageToken: page.token, blob: upload.blob, fileName: upload.name }),
              ),
            );
            this.deps.notify({ type: 'upload-progress', conversationId: item.conversationId, uploadId: upload.id, state: 'uploaded' });
          } catch (e) {
            this.deps.notify({ type: 'upload-progress', conversationId: item.conversationId, uploadId: upload.id, state: 'failed' });
            throw e;
          }
        }
        const result = await this.deps.auth.withPageToken(account.id, (page) =>
          sendImages(this.deps.client, { pageId: page.pageId, pageToken: page.token, ...target, attachmentIds }),
        );
        item = await this.markPartSent(item, 'images', result.messageId, this.now());
      }
      if (item.text !== '' && !item.sentParts.includes('text')) {
        const result = await this.deps.auth.withPageToken(account.id, (page) =>
          sendText(this.deps.client, { pageId: page.pageId, pageToken: page.token, ...target, text: item.text }),
        );
        item = await this.markPartSent(item, 'text', result.messageId, this.now());
      }
      await this.finishOrRequeue(item);
    } catch (e) {
      if (e instanceof GraphError && e.kind === 'window-closed') {
        await markWindowClosed(item.conversationId);
        this.deps.notify({ type: 'conversations-changed', accountId: item.accountId, conversationIds: [item.conversationId] });
        await this.fail(
          item,
          new DeskError('window-closed', describeReplyWindow({ state: 'closed', reason: 'refused', closedAt: null }, this.now())),
        );
      } else {
        await this.fail(item, e);
      }
    } finally {
      this.inFlight.delete(item.id);
    }
  }

  /** Records one part as a message of the thread and remembers it went out. */
  private async markPartSent(item: OutboxItem, part: 'images' | 'text', messageId: string, createdTime: number): Promise<OutboxItem> {
    const kind: MessageKind = part === 'images' ? 'image' : 'text';
    const message = plainMessage({
      id: messageId,
      conversationId: item.conversationId,
      accountId: item.accountId,
      createdTime,
      fromId: item.accountId,
      isOwn: true,
      text: part === 'text' ? item.text : '',
      kind,
      sentVia: 'dmdesk',
    });
    await recordSentMessage(message);
    if (part === 'images') await deleteUploads(item.uploadIds);
    const next: OutboxItem = { ...item, messageIds: [...item.messageIds, messageId], sentParts: [...item.sentParts, part] };
    await putOutboxItem(next);
    this.deps.notify({ type: 'conversations-changed', accountId: item.accountId, conversationIds: [item.conversationId] });
    return next;
  }

  private async finishOrRequeue(item: OutboxItem): Promise<void> {
    const needsImages = item.uploadIds.length > 0 && !item.sentParts.includes('images');
    const needsText = item.text !== '' && !item.sentParts.includes('text');
    if (!needsImages && !needsText) {
      await deleteOutboxItem(item.id);
    } else {
      await putOutboxItem({ ...item, state: 'queued' });
      this.again = true;
    }
    this.changed(item);
  }

  private async fail(item: OutboxItem, e: unknown): Promise<void> {
    const err = toDeskError(e);
    const failed: OutboxItem = { ...item, state: 'failed', error: { kind: err.kind, message: err.message } };
    await putOutboxItem(failed);
    this.changed(failed);
  }

  private changed(item: Pick<OutboxItem, 'accountId' | 'conversationId'>): void {
    this.deps.notify({ type: 'outbox-changed', accountId: item.accountId, conversationId: item.conversationId });
  }
}
