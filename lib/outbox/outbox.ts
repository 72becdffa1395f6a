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
 * (both are refused); it is reconciled against the thread. What Meta acknowledges is persisted
 * before anything else. This file is the queue and its state machine; the parts of it are
 *   context.ts    what every part shares (deps, clock, the writes that move an item on);
 *   deliver.ts    one send attempt, and what an attempt that threw leaves behind;
 *   reconcile.ts  finding an unknown send in the thread;
 *   record.ts     persisting what Meta acknowledged, in the order that prevents a second send;
 *   waits.ts      rate-limit waits, due times and the wake-up timer.
 */
import { deleteOutboxItem, deleteUploads, getConversation, getOutboxItem, getUploads, putOutboxItem } from '../db';
import { listOutboxQueue } from '../db/outbox-queue';
import type { OutboxItem } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { MAX_TEXT_BYTES, utf8Length } from '../format/text';
import { t } from '../i18n';
import { checkImages } from '../policy/attachments';
import { ItemGone, OutboxContext, stillChecking, type OutboxDeps, type ReplyRequest } from './context';
import { deliver } from './deliver';
import { reconcile } from './reconcile';
import { finalize } from './record';
import { UNKNOWN_GRACE_MS } from './status';
import { WakeTimer, due } from './waits';

export { RECHECK_MS, type OutboxDeps, type OutboxStep, type ReplyRequest } from './context';
export { newerThan } from './reconcile';
export { UNKNOWN_GRACE_MS };

export class Outbox {
  #running: Promise<void> | null = null;
  #again = false;
  /** Items this worker is working on right now (a request may be in flight). */
  readonly #busy = new Set<string>();
  /** Unknown items to check on the next run even before their next check is due. */
  readonly #checkNow = new Set<string>();
  readonly #ctx: OutboxContext;
  readonly #timer: WakeTimer;

  constructor(deps: OutboxDeps) {
    this.#ctx = new OutboxContext(deps, () => {
      this.#again = true;
    });
    this.#timer = new WakeTimer(deps);
  }

  /** Checks the reply, stores it, and starts delivering it. Resolves once it is safely stored. */
  async enqueue(req: ReplyRequest): Promise<OutboxItem> {
    const text = req.text.trim();
    const uploads = await getUploads(req.uploadIds ?? []);
    if (text === '' && uploads.length === 0) throw new DeskError('invalid-request', t('errors.replyEmpty'));
    if (utf8Length(text) > MAX_TEXT_BYTES) {
      throw new DeskError('invalid-request', t('errors.replyTooLong', { bytes: String(MAX_TEXT_BYTES) }));
    }
    const problem = checkImages([], uploads).errors[0];
    if (problem) throw new DeskError('invalid-request', problem);
    const conversation = await getConversation(req.conversationId);
    if (!conversation || conversation.accountId !== req.accountId) {
      throw new DeskError('not-found', t('errors.conversationGoneRefresh'));
    }
    const item: OutboxItem = {
      id: crypto.randomUUID(),
      accountId: req.accountId,
      conversationId: req.conversationId,
      text,
      uploadIds: uploads.map((u) => u.id),
      state: 'queued',
      createdAt: this.#ctx.now(),
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
    this.#ctx.changed(item);
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
    if (item.state === 'unknown' || item.state === 'sending' || this.#busy.has(id)) throw stillChecking();
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
      await this.#ctx.save(next);
    } catch (e) {
      // Deleted or disconnected meanwhile: there is nothing left to retry.
      if (e instanceof ItemGone) return;
      throw e;
    }
    this.#ctx.changed(next);
    void this.process();
  }

  /**
   * Removes an item. With `keepImages` (Edit: the reply goes back into the box) its images stay
   * stored for the composer; that is allowed only for a failed item, as Edit leads to a new send.
   * Deleting an unknown item is allowed: it sends nothing.
   */
  async discard(id: string, opts: { keepImages?: boolean } = {}): Promise<void> {
    if (this.#busy.has(id)) throw stillChecking();
    this.#busy.add(id);
    try {
      const item = await getOutboxItem(id);
      if (!item || item.state === 'sending' || item.state === 'sent') return;
      if (opts.keepImages && item.state !== 'failed') throw stillChecking();
      if (!opts.keepImages) await deleteUploads(item.uploadIds);
      await deleteOutboxItem(id);
      this.#ctx.changed(item);
    } finally {
      this.#busy.delete(id);
    }
  }

  /**
   * Delivers what is due and reconciles what is unknown; concurrent calls share one run. Call it
   * whenever the worker wakes: timers die with an MV3 worker, so a new run is how waiting items
   * (rate-limited, unknown) are picked up again.
   */
  process(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#runOnce();
      } while (this.#again);
      // Wakes this worker when the next waiting item is due (alarms and restarts cover a stopped worker).
      this.#timer.schedule(await listOutboxQueue(), this.#ctx.now(), () => void this.process());
    })()
      .catch((e: unknown) => logDiagnostic('outbox', 'An outbox run stopped early', e))
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  /**
   * A sync stored replies of ours in these conversations: a send there whose outcome is unknown
   * is checked now rather than at its next check, so the thread does not show the reply twice
   * (the stored message and its "Checking…" bubble) until then.
   */
  async checkUnknownIn(conversationIds: ReadonlySet<string>): Promise<void> {
    const waiting = (await listOutboxQueue()).filter((i) => i.state === 'unknown' && conversationIds.has(i.conversationId));
    if (waiting.length === 0) return;
    for (const item of waiting) this.#checkNow.add(item.id);
    await this.process();
  }

  /** Resolves when the run under way (if any) ends, without asking for another. */
  async idle(): Promise<void> {
    await this.#running;
  }

  async #runOnce(): Promise<void> {
    const items = await listOutboxQueue();
    // Conversations whose next reply must wait: replies go out in the order they were written.
    const held = new Set<string>();
    for (const listed of items) {
      if (this.#busy.has(listed.id)) {
        held.add(listed.conversationId);
        continue;
      }
      // Claimed before the first await, so a Delete or Retry cannot act on it half-way.
      this.#busy.add(listed.id);
      try {
        const after = await this.#step(listed.id, held).catch((e: unknown) => {
          // Deleted or disconnected while it was worked on: nothing more is written for it.
          if (e instanceof ItemGone) return null;
          throw e;
        });
        if (after && after.state !== 'failed') held.add(after.conversationId);
      } finally {
        this.#busy.delete(listed.id);
      }
    }
  }

  /** Moves one item on as far as it can go now. Returns it as it is left (null when it is gone). */
  async #step(id: string, held: ReadonlySet<string>): Promise<OutboxItem | null> {
    const stored = await getOutboxItem(id);
    if (!stored) return null;
    let item: OutboxItem = stored;
    if (item.state === 'sent') {
      await finalize(this.#ctx, item);
      return null;
    }
    if (item.state === 'sending') item = await this.#interrupted(item);
    if (item.state === 'unknown') {
      const asked = this.#checkNow.delete(item.id);
      if (!asked && !due(item, this.#ctx.now())) return item;
      const checked = await reconcile(this.#ctx, item);
      if (!checked || checked.state !== 'queued') return checked;
      item = checked;
    }
    if (item.state !== 'queued') return item;
    if (held.has(item.conversationId) || !due(item, this.#ctx.now())) return { ...item, state: 'queued' };
    return deliver(this.#ctx, item);
  }

  /**
   * An item left in 'sending' by a stopped worker. Stopped while uploading, no message can have
   * come of it: it is queued again. Stopped while a send was under way, the outcome is unknown.
   */
  async #interrupted(item: OutboxItem): Promise<OutboxItem> {
    return this.#ctx.update(
      item.stage === 'upload' ? { ...item, state: 'queued', stage: null } : { ...item, state: 'unknown', notBefore: this.#ctx.now() },
    );
  }
}
