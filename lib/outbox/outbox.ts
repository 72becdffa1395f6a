/**
 * The persistent outbox: every reply is written to IndexedDB before the first attempt and leaves
 * it only once Meta accepted it and the cache holds it. It is exactly-once by construction:
 *
 *   queued ──▶ sending ──▶ sent (removed once recorded)
 *                 │
 *                 ├──▶ failed   Meta said no (window closed, recipient unavailable, invalid, …):
 *                 │             nothing went out; the person may Retry, Edit or Delete.
 *                 ├──▶ queued   rate limited: nothing went out; tried again once Meta allows it.
 *                 └──▶ unknown  no definite answer (timeout, network drop, cut-off or unreadable
 *                               200, 5xx, code 1/2, the worker stopped): Meta may have stored it.
 *
 * An unknown item is never sent again blindly — not by the background, not by Retry or Edit
 * (both are refused). It is reconciled against the thread: the newest messages Meta holds are
 * read, and an own message that is newer than the newest ids the thread had before the attempt
 * (`baseline`), that no outbox item or cached DM Desk message has claimed, and whose content
 * matches, is the reply; a failed read proves nothing and is tried again later. Only when the
 * thread proves it is not there — after a grace period long enough for a slow Meta to finish
 * storing — does it become failed, and only then may the person Retry. (When more than a page of
 * messages arrived since the attempt, Meta's newest messages cannot prove it either way: it is
 * marked failed with a reason that asks the person to look at the conversation first.)
 *
 * What Meta acknowledges is persisted before anything else: its message id goes onto the item,
 * then the message into the cache, then the images are deleted, then the item. A worker stopped
 * between any two of these steps leaves a state the next run completes without a second send.
 */
import type { AuthService } from '../auth/service';
import {
  deleteOutboxItem,
  deleteUploads,
  getAccount,
  getConversation,
  getDB,
  getMessages,
  getOutboxItem,
  getUploads,
  listMessagesPage,
  putOutboxItem,
  replaceOutboxItem,
} from '../db';
import { plainMessage, type OutboxItem, type OutboxPart } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { toDeskError } from '../errors-map';
import { MAX_TEXT_BYTES, utf8Length } from '../format/text';
import {
  MESSAGE_DETAIL_LIMIT,
  SEND_TIMEOUT_MS,
  getConversationMessages,
  sendImages,
  sendText,
  uploadImage,
  type SendRequest,
} from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError, type GraphErrorKind } from '../graph/errors';
import type { GraphMessage } from '../graph/types';
import type { Notice } from '../messaging/protocol';
import { checkImages } from '../policy/attachments';
import { describeReplyWindow, replyWindow } from '../policy/reply-window';
import { markWindowClosed, recordSentMessage, updateMessage } from '../sync/merge';
import { UNKNOWN_GRACE_MS } from './status';

/**
 * Points inside a delivery where a test may stop the worker (by never resolving), to prove that
 * the next worker finishes the item without a second message.
 */
export type OutboxStep =
  /** The item is stored as 'sending' with its baseline; no request has gone out yet. */
  | 'attempt-stored'
  /** The images are uploaded; the send of the images message is about to start. */
  | 'uploaded'
  /** Meta answered a send with a message id; nothing is persisted yet. */
  | 'answered'
  /** The message id is on the item; the message is not in the cache yet. */
  | 'acknowledged'
  /** The message is in the cache; the images and the item are not removed yet. */
  | 'recorded'
  /** The images of a sent reply are deleted; the item is not removed yet. */
  | 'uploads-deleted';

export interface OutboxDeps {
  client: GraphClient;
  auth: AuthService;
  humanAgent: () => Promise<boolean>;
  notify: (notice: Notice) => void;
  now?: () => number;
  /**
   * How long after a send whose outcome is unknown the thread must still be without it before it
   * counts as not sent. Meta can hold a request well past our timeout and store it afterwards.
   */
  unknownGraceMs?: number;
  /** How often an unknown outcome is checked against the thread while within the grace period. */
  recheckMs?: number;
  /** Wakes the outbox when a waiting item is due (default: setTimeout; a stopped worker loses it). */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Test hook: awaited at each step of a delivery. */
  checkpoint?: (step: OutboxStep, item: OutboxItem) => Promise<void> | void;
}

export { UNKNOWN_GRACE_MS };
/** Checks while an outcome is unknown: the first at once, then at this interval. */
export const RECHECK_MS = SEND_TIMEOUT_MS;
/** When Meta rate-limits without saying for how long. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** Newest cached message ids kept as the baseline: several, so one deleted message does not lose the anchor. */
const BASELINE_SIZE = 5;

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

export interface ReplyRequest {
  accountId: string;
  conversationId: string;
  text: string;
  uploadIds?: string[];
}

/** The reply's parts in the order they go out: images first, then the text. */
function partsOf(item: OutboxItem): OutboxPart[] {
  const parts: OutboxPart[] = [];
  if (item.uploadIds.length > 0) parts.push('images');
  if (item.text !== '') parts.push('text');
  return parts;
}

function unsentParts(item: OutboxItem): OutboxPart[] {
  return partsOf(item).filter((p) => !item.sentParts.includes(p));
}

/** Meta may normalise line ends; nothing else about the text is expected to change. */
function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
  return norm(a) === norm(b);
}

function matchesPart(m: GraphMessage, item: OutboxItem, part: OutboxPart): boolean {
  if (part === 'text') return m.attachments.length === 0 && sameText(m.text, item.text);
  return m.attachments.length > 0 && m.attachments.every((a) => a.type === 'image' || a.type === 'gif') && m.text.trim() === '';
}

export class Outbox {
  private running: Promise<void> | null = null;
  private again = false;
  /** Items this worker is working on right now (a request may be in flight). */
  private readonly busy = new Set<string>();
  private timer: unknown = null;

  constructor(private readonly deps: OutboxDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private get graceMs(): number {
    return this.deps.unknownGraceMs ?? UNKNOWN_GRACE_MS;
  }

  private get recheckMs(): number {
    return this.deps.recheckMs ?? RECHECK_MS;
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
      notBefore: null,
      stage: null,
      baseline: [],
    };
    await putOutboxItem(item);
    this.changed(item);
    void this.process();
    return item;
  }

  /**
   * Sends a failed item again, optionally with edited text. Refused while DM Desk does not know
   * whether the last attempt arrived: sending then could deliver the reply twice.
   */
  async retry(id: string, text?: string): Promise<void> {
    const item = await getOutboxItem(id);
    if (!item) return;
    if (item.state === 'unknown' || item.state === 'sending' || this.busy.has(id)) throw stillChecking();
    if (item.state !== 'failed') return;
    const next: OutboxItem = {
      ...item,
      state: 'queued',
      error: null,
      text: text?.trim() || item.text,
      attempts: 0,
      notBefore: null,
      stage: null,
    };
    try {
      await this.save(next);
    } catch (e) {
      // Deleted or disconnected meanwhile: there is nothing left to retry.
      if (e instanceof ItemGone) return;
      throw e;
    }
    this.changed(next);
    void this.process();
  }

  /**
   * Removes an item. With `keepImages` (Edit: the reply goes back into the box) its images stay
   * stored for the composer; that is allowed only for a failed item, as Edit leads to a new send.
   * Deleting an unknown item is allowed: it sends nothing.
   */
  async discard(id: string, opts: { keepImages?: boolean } = {}): Promise<void> {
    if (this.busy.has(id)) throw stillChecking();
    this.busy.add(id);
    try {
      const item = await getOutboxItem(id);
      if (!item || item.state === 'sending' || item.state === 'sent') return;
      if (opts.keepImages && item.state !== 'failed') throw stillChecking();
      if (!opts.keepImages) await deleteUploads(item.uploadIds);
      await deleteOutboxItem(id);
      this.changed(item);
    } finally {
      this.busy.delete(id);
    }
  }

  /**
   * Delivers what is due and reconciles what is unknown; concurrent calls share one run. Call it
   * whenever the worker wakes: timers die with an MV3 worker, so a new run is how waiting items
   * (rate-limited, unknown) are picked up again.
   */
  process(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runOnce();
      } while (this.again);
      await this.scheduleWake();
    })()
      .catch((e: unknown) => logDiagnostic('outbox', 'An outbox run stopped early', e))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Resolves when the run under way (if any) ends, without asking for another. */
  async idle(): Promise<void> {
    await this.running;
  }

  private async allItems(): Promise<OutboxItem[]> {
    const rows = await (await getDB()).getAll('outbox');
    return rows.sort((a, b) => a.createdAt - b.createdAt);
  }

  private async runOnce(): Promise<void> {
    const items = await this.allItems();
    // Conversations whose next reply must wait: replies go out in the order they were written.
    const held = new Set<string>();
    for (const listed of items) {
      if (this.busy.has(listed.id)) {
        held.add(listed.conversationId);
        continue;
      }
      // Claimed before the first await, so a Delete or Retry cannot act on it half-way.
      this.busy.add(listed.id);
      try {
        const after = await this.step(listed.id, held).catch((e: unknown) => {
          if (e instanceof ItemGone) return null;
          throw e;
        });
        if (after && after.state !== 'failed') held.add(after.conversationId);
      } finally {
        this.busy.delete(listed.id);
      }
    }
  }

  /** Moves one item on as far as it can go now. Returns it as it is left (null when it is gone). */
  private async step(id: string, held: ReadonlySet<string>): Promise<OutboxItem | null> {
    const stored = await getOutboxItem(id);
    if (!stored) return null;
    let item: OutboxItem = stored;
    if (item.state === 'sent') {
      await this.finalize(item);
      return null;
    }
    if (item.state === 'sending') item = await this.interrupted(item);
    if (item.state === 'unknown') {
      if (!due(item, this.now())) return item;
      const checked = await this.reconcile(item);
      if (!checked || checked.state !== 'queued') return checked;
      item = checked;
    }
    if (item.state !== 'queued') return item;
    if (held.has(item.conversationId) || !due(item, this.now())) return { ...item, state: 'queued' };
    return this.deliver(item);
  }

  /**
   * An item left in 'sending' by a stopped worker. Stopped while uploading, no message can have
   * come of it: it is queued again. Stopped while a send was under way, the outcome is unknown.
   */
  private async interrupted(item: OutboxItem): Promise<OutboxItem> {
    const next: OutboxItem =
      item.stage === 'upload' ? { ...item, state: 'queued', stage: null } : { ...item, state: 'unknown', notBefore: this.now() };
    await this.save(next);
    this.changed(next);
    return next;
  }

  private async deliver(queued: OutboxItem): Promise<OutboxItem | null> {
    const account = await getAccount(queued.accountId);
    const conversation = await getConversation(queued.conversationId);
    if (!account || !conversation) {
      return this.fail(queued, new DeskError('not-found', 'This conversation is no longer in DM Desk.'));
    }
    const window = replyWindow(conversation, this.now(), await this.deps.humanAgent());
    if (window.state === 'closed') {
      return this.fail(queued, new DeskError('window-closed', describeReplyWindow(window, this.now())));
    }
    const target = { recipientId: conversation.participant.id, humanAgent: window.state === 'human-agent' };
    const parts = unsentParts(queued);
    if (parts.length === 0) {
      await this.finalize(queued);
      return null;
    }
    // Persisted before any request: if the worker stops now, the next one reconciles first.
    let item: OutboxItem = {
      ...queued,
      state: 'sending',
      attemptedAt: this.now(),
      attempts: queued.attempts + 1,
      notBefore: null,
      error: null,
      stage: parts[0] === 'images' ? 'upload' : 'text',
      baseline: await this.baselineOf(queued.conversationId),
    };
    try {
      await this.save(item);
      this.changed(item);
      await this.deps.checkpoint?.('attempt-stored', item);
      if (parts.includes('images')) {
        const uploads = await getUploads(item.uploadIds);
        if (uploads.length !== item.uploadIds.length)
          throw new DeskError('not-found', 'An image of this reply is no longer available. Delete the reply and attach it again.');
        const attachmentIds: string[] = [];
        for (const upload of uploads) {
          this.deps.notify({ type: 'upload-progress', conversationId: item.conversationId, uploadId: upload.id, state: 'uploading' });
          try {
            attachmentIds.push(
              await this.deps.auth.withPageToken(account.id, (page) =>
                uploadImage(this.deps.client, {
                  pageId: page.pageId,
                  pageToken: page.token,
                  budgetKey: item.accountId,
                  blob: upload.blob,
                  fileName: upload.name,
                }),
              ),
            );
            this.deps.notify({ type: 'upload-progress', conversationId: item.conversationId, uploadId: upload.id, state: 'uploaded' });
          } catch (e) {
            this.deps.notify({ type: 'upload-progress', conversationId: item.conversationId, uploadId: upload.id, state: 'failed' });
            throw e;
          }
        }
        item = await this.startPart(item, 'images');
        await this.deps.checkpoint?.('uploaded', item);
        const request = (page: { pageId: string; token: string }): SendRequest & { attachmentIds: string[] } => ({
          pageId: page.pageId,
          pageToken: page.token,
          budgetKey: item.accountId,
          ...target,
          attachmentIds,
        });
        const result = await this.deps.auth.withPageToken(account.id, (page) => sendImages(this.deps.client, request(page)));
        await this.deps.checkpoint?.('answered', item);
        item = await this.acknowledge(item, 'images', result.messageId, this.now());
      }
      if (parts.includes('text')) {
        if (item.stage !== 'text') item = await this.startPart(item, 'text');
        const text = item.text;
        const result = await this.deps.auth.withPageToken(account.id, (page) =>
          sendText(this.deps.client, { pageId: page.pageId, pageToken: page.token, budgetKey: item.accountId, ...target, text }),
        );
        await this.deps.checkpoint?.('answered', item);
        item = await this.acknowledge(item, 'text', result.messageId, this.now());
      }
      await this.finalize(item);
      return null;
    } catch (e) {
      if (e instanceof ItemGone) throw e;
      return await this.settle(item, e);
    }
  }

  /** Records which request is about to go out, and when, before it does. */
  private async startPart(item: OutboxItem, part: OutboxPart): Promise<OutboxItem> {
    const next: OutboxItem = { ...item, stage: part, attemptedAt: this.now() };
    await this.save(next);
    return next;
  }

  /** What an attempt that threw leaves behind: failed, queued for later, or unknown. */
  private async settle(item: OutboxItem, e: unknown): Promise<OutboxItem> {
    const uploading = item.stage === 'upload';
    if (e instanceof GraphError && e.kind === 'rate-limit') {
      // Refused before anything was done: nothing went out. Wait as long as Meta asks.
      const wait = e.retryAfterMs !== null && e.retryAfterMs > 0 ? e.retryAfterMs : DEFAULT_RATE_LIMIT_WAIT_MS;
      const next: OutboxItem = { ...item, state: 'queued', stage: null, notBefore: this.now() + wait, error: null };
      logDiagnostic('outbox', 'A reply was rate-limited and waits for Meta', e, 'info');
      await this.save(next);
      this.changed(next);
      return next;
    }
    if (e instanceof GraphError && e.kind === 'window-closed') {
      await markWindowClosed(item.conversationId);
      this.deps.notify({ type: 'conversations-changed', accountId: item.accountId, conversationIds: [item.conversationId] });
      return this.fail(
        item,
        new DeskError('window-closed', describeReplyWindow({ state: 'closed', reason: 'refused', closedAt: null }, this.now())),
      );
    }
    // An upload creates no message, and our own refusals (DeskError) happen before any request:
    // whatever went wrong there, nothing can have reached the customer.
    const definite = uploading || e instanceof DeskError || (e instanceof GraphError && DEFINITE.has(e.kind));
    if (definite) return this.fail(item, e);
    // transient (5xx, code 2, 1/1357046), network (drop, timeout), malformed (cut-off 200),
    // too-much-data (code 1 on a send is Meta's generic "unknown error"), unknown, or anything
    // unexpected: Meta may have stored the message. Check the thread before anything else.
    logDiagnostic('outbox', 'A send ended without a definite answer; checking the thread', e);
    const next: OutboxItem = { ...item, state: 'unknown', notBefore: this.now(), error: null };
    await this.save(next);
    this.changed(next);
    return next;
  }

  /**
   * Looks for an unknown item's in-doubt part in the thread. Returns the item as it is now, or null
   * when it is gone (finished).
   */
  private async reconcile(unknown: OutboxItem): Promise<OutboxItem | null> {
    let item: OutboxItem = unknown;
    await this.ensureRecorded(item);
    const parts = unsentParts(item);
    if (parts.length === 0) {
      await this.finalize(item);
      return null;
    }
    // Stopped while uploading (or never started a part): no message can exist.
    const inDoubt = item.stage === 'images' || item.stage === 'text' ? item.stage : parts[0];
    if (item.stage === 'upload' || !inDoubt || !parts.includes(inDoubt)) return await this.requeue(item);

    let read: GraphMessage[];
    try {
      read = await this.deps.auth.withPageToken(item.accountId, (page) =>
        getConversationMessages(this.deps.client, {
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
      const wait = e instanceof GraphError && e.kind === 'rate-limit' && e.retryAfterMs ? e.retryAfterMs : this.recheckMs;
      const err = toDeskError(e);
      const next: OutboxItem = { ...item, notBefore: this.now() + wait, error: { kind: 'check-failed', message: err.message } };
      await this.save(next);
      this.changed(next);
      return next;
    }

    const { candidates, complete } = newerThan(read, item.baseline ?? []);
    const claimed = await this.claimedIds(candidates.map((m) => m.id));
    // Oldest first, so of two identical replies the earlier one claims the earlier message.
    const match = [...candidates]
      .reverse()
      .find((m) => m.from?.id === item.accountId && !claimed.has(m.id) && matchesPart(m, item, inDoubt));
    if (match) {
      item = await this.acknowledge(item, inDoubt, match.id, match.createdTime);
      if (unsentParts(item).length === 0) {
        await this.finalize(item);
        return null;
      }
      // The in-doubt part arrived; what follows it was never sent.
      return await this.requeue(item);
    }

    const age = this.now() - (item.attemptedAt ?? item.createdAt);
    if (age < this.graceMs) {
      const next: OutboxItem = {
        ...item,
        error: null,
        notBefore: Math.min(this.now() + this.recheckMs, (item.attemptedAt ?? item.createdAt) + this.graceMs),
      };
      await this.save(next);
      this.changed(next);
      return next;
    }
    if (!complete) {
      // More than a page of messages arrived since the attempt: what Meta serves cannot show
      // whether it is there. Sending again could duplicate it, so the person decides.
      return this.fail(
        item,
        new DeskError(
          'failed',
          'DM Desk could not confirm whether this reply was delivered: many messages arrived since. Check the conversation before you retry.',
        ),
      );
    }
    // Proven absent: Meta had the grace period to store it and the thread does not have it.
    // It is not sent again on its own: the person sees that it did not arrive and chooses —
    // Retry, Edit (the moment may have passed, or the wording should change) or Delete. A send
    // that went wrong in an unclear way is exactly the one a person wants to look at, and no
    // automatic resend can ever add a second copy behind their back.
    return this.fail(
      item,
      new DeskError('failed', 'Instagram did not take this reply: it is not in the conversation. Retry sends it again.'),
    );
  }

  private async requeue(item: OutboxItem): Promise<OutboxItem> {
    const next: OutboxItem = { ...item, state: 'queued', stage: null, notBefore: null, error: null };
    await this.save(next);
    this.changed(next);
    this.again = true;
    return next;
  }

  /**
   * Meta ids already spoken for: every outbox item's, and cached messages DM Desk sent. A message
   * claimed by one reply can never be claimed by another.
   */
  private async claimedIds(candidateIds: string[]): Promise<Set<string>> {
    const claimed = new Set<string>();
    for (const other of await this.allItems()) for (const id of other.messageIds) claimed.add(id);
    for (const m of await getMessages(candidateIds)) if (m.sentVia === 'dmdesk') claimed.add(m.id);
    return claimed;
  }

  /** The newest message ids the thread had before an attempt (from the cache, newest first). */
  private async baselineOf(conversationId: string): Promise<string[]> {
    return (await listMessagesPage(conversationId, { limit: BASELINE_SIZE })).map((m) => m.id);
  }

  /**
   * Meta accepted a part: its id goes onto the item first (the one write that makes a second
   * send impossible), then the message into the cache, then its images go.
   */
  private async acknowledge(item: OutboxItem, part: OutboxPart, messageId: string, createdTime: number): Promise<OutboxItem> {
    const sentParts = [...item.sentParts, part];
    const done = partsOf(item).every((p) => sentParts.includes(p));
    const next: OutboxItem = {
      ...item,
      messageIds: [...item.messageIds, messageId],
      sentParts,
      state: done ? 'sent' : item.state,
      error: null,
    };
    await this.save(next);
    await this.deps.checkpoint?.('acknowledged', next);
    await this.ensureRecorded(next, new Map([[messageId, createdTime]]));
    await this.deps.checkpoint?.('recorded', next);
    if (part === 'images') await deleteUploads(item.uploadIds);
    this.deps.notify({ type: 'conversations-changed', accountId: item.accountId, conversationIds: [item.conversationId] });
    return next;
  }

  /**
   * Puts every message the item claimed into the cache as sent from DM Desk, unless it is there
   * already (a sync may have stored it first, with its full content: only its origin is set).
   */
  private async ensureRecorded(item: OutboxItem, times = new Map<string, number>()): Promise<void> {
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
          createdTime: times.get(id) ?? item.attemptedAt ?? this.now(),
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
  private async finalize(item: OutboxItem): Promise<void> {
    await this.ensureRecorded(item);
    await deleteUploads(item.uploadIds);
    await this.deps.checkpoint?.('uploads-deleted', item);
    await deleteOutboxItem(item.id);
    this.changed(item);
  }

  private async fail(item: OutboxItem, e: unknown): Promise<OutboxItem> {
    const err = toDeskError(e);
    const failed: OutboxItem = { ...item, state: 'failed', stage: null, notBefore: null, error: { kind: err.kind, message: err.message } };
    await this.save(failed);
    this.changed(failed);
    return failed;
  }

  /** Wakes this worker when the next waiting item is due (alarms and restarts cover a stopped worker). */
  private async scheduleWake(): Promise<void> {
    const clear = this.deps.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
    const set = this.deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
    if (this.timer !== null) clear(this.timer);
    this.timer = null;
    const waiting = (await this.allItems()).filter((i) => (i.state === 'queued' || i.state === 'unknown') && i.notBefore);
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((i) => i.notBefore ?? 0));
    this.timer = set(
      () => {
        this.timer = null;
        void this.process();
      },
      Math.max(0, next - this.now()) + 50,
    );
  }

  /**
   * Stores a new version of an item that is already stored. Throws ItemGone when the item or its
   * account went away meanwhile (Delete, disconnect): the run then drops it and writes nothing more.
   */
  private async save(item: OutboxItem): Promise<void> {
    if (!(await replaceOutboxItem(item))) throw new ItemGone();
  }

  private changed(item: Pick<OutboxItem, 'accountId' | 'conversationId'>): void {
    this.deps.notify({ type: 'outbox-changed', accountId: item.accountId, conversationId: item.conversationId });
  }
}

/** The item being moved on was deleted, or its account disconnected, while it was worked on. */
class ItemGone extends Error {
  override readonly name = 'ItemGone';
}

function due(item: OutboxItem, now: number): boolean {
  return !item.notBefore || item.notBefore <= now;
}

function stillChecking(): DeskError {
  return new DeskError(
    'invalid-request',
    'DM Desk is still checking whether this reply was sent. You can retry or change it once that is settled.',
  );
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
