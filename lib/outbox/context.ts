/**
 * What every part of the outbox shares: its dependencies, the clock, the parts of a reply, and the
 * writes that move an item from one state to another. Each write is stored before anyone is told,
 * and refuses to bring back an item that was deleted (or whose account went) meanwhile.
 */
import type { AuthService } from '../auth/service';
import { replaceOutboxItem } from '../db';
import type { OutboxItem, OutboxPart } from '../db/schema';
import { DeskError } from '../errors';
import { toDeskError } from '../errors-map';
import { SEND_TIMEOUT_MS } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { t } from '../i18n';
import type { Notice } from '../messaging/protocol';
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

export interface ReplyRequest {
  accountId: string;
  conversationId: string;
  text: string;
  uploadIds?: string[];
}

/** Checks while an outcome is unknown: the first at once, then at this interval. */
export const RECHECK_MS = SEND_TIMEOUT_MS;

/** The reply's parts in the order they go out: images first, then the text. */
export function partsOf(item: OutboxItem): OutboxPart[] {
  const parts: OutboxPart[] = [];
  if (item.uploadIds.length > 0) parts.push('images');
  if (item.text !== '') parts.push('text');
  return parts;
}

export function unsentParts(item: OutboxItem): OutboxPart[] {
  return partsOf(item).filter((p) => !item.sentParts.includes(p));
}

/** The item being moved on was deleted, or its account disconnected, while it was worked on. */
export class ItemGone extends Error {
  override readonly name = 'ItemGone';
}

export function stillChecking(): DeskError {
  return new DeskError('invalid-request', t('errors.replyStillChecking'));
}

export class OutboxContext {
  /** `onRequeued` tells the run under way to look at the outbox once more. */
  constructor(
    readonly deps: OutboxDeps,
    private readonly onRequeued: () => void,
  ) {}

  now(): number {
    return (this.deps.now ?? Date.now)();
  }

  get graceMs(): number {
    return this.deps.unknownGraceMs ?? UNKNOWN_GRACE_MS;
  }

  get recheckMs(): number {
    return this.deps.recheckMs ?? RECHECK_MS;
  }

  /**
   * Stores a new version of an item that is already stored. Throws ItemGone when the item or its
   * account went away meanwhile (Delete, disconnect): the run then drops it and writes nothing more.
   */
  async save(item: OutboxItem): Promise<void> {
    if (!(await replaceOutboxItem(item))) throw new ItemGone();
  }

  changed(item: Pick<OutboxItem, 'accountId' | 'conversationId'>): void {
    this.deps.notify({ type: 'outbox-changed', accountId: item.accountId, conversationId: item.conversationId });
  }

  /** Stores a new version and tells the pages. */
  async update(next: OutboxItem): Promise<OutboxItem> {
    await this.save(next);
    this.changed(next);
    return next;
  }

  /** Nothing went out, and nothing will on its own: the person may Retry, Edit or Delete. */
  async fail(item: OutboxItem, e: unknown): Promise<OutboxItem> {
    const err = toDeskError(e);
    return this.update({ ...item, state: 'failed', stage: null, notBefore: null, error: { kind: err.kind, message: err.message } });
  }

  /** Back in the queue, to go out on this run. */
  async requeue(item: OutboxItem): Promise<OutboxItem> {
    const next = await this.update({ ...item, state: 'queued', stage: null, notBefore: null, error: null });
    this.onRequeued();
    return next;
  }
}
