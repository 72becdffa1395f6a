/**
 * The one merge rule for what Meta serves: upsert by Meta's ids, keep what Meta no longer serves,
 * never duplicate. Running it twice with the same input changes nothing.
 */
import { withCacheWrite } from '../db/cache-writes';
import type { Conversation, LastMessage, Message, MessageKind, Participant } from '../db/schema';
import type { GraphConversation, GraphMessage } from '../graph/types';
import { answerCoversAfter, asUnsent, vanishedFrom } from './unsent';

export function messageKind(
  m: Pick<GraphMessage, 'isDeleted' | 'isUnsupported' | 'storyMention' | 'storyReply' | 'attachments' | 'text'>,
): MessageKind {
  if (m.isDeleted) return 'deleted';
  if (m.storyMention) return 'story-mention';
  if (m.storyReply) return 'story-reply';
  const first = m.attachments[0];
  if (first) {
    if (first.type === 'share') return first.isReel ? 'reel' : 'share';
    return first.type;
  }
  if (m.isUnsupported || m.text === '') return 'unsupported';
  return 'text';
}

export interface MergeContext {
  accountId: string;
  /**
   * Own messages newer than this that DM Desk did not send are echoes (sent from the Instagram
   * app or another tool). Older ones predate the connection: their origin is unknown.
   */
  echoesSince: number;
}

export function toMessage(raw: GraphMessage, conversationId: string, ctx: MergeContext, stored?: Message): Message {
  const isOwn = raw.from?.id === ctx.accountId;
  return {
    id: raw.id,
    conversationId,
    accountId: ctx.accountId,
    createdTime: raw.createdTime,
    fromId: raw.from?.id ?? null,
    isOwn,
    text: raw.isDeleted ? '' : raw.text,
    kind: messageKind(raw),
    attachments: raw.isDeleted ? [] : raw.attachments,
    storyMention: raw.storyMention,
    storyReply: raw.storyReply,
    replyToId: raw.replyToId,
    reactions: raw.reactions,
    isDeleted: raw.isDeleted,
    isUnsupported: raw.isUnsupported,
    sentVia: !isOwn ? null : (stored?.sentVia ?? (raw.createdTime >= ctx.echoesSince ? 'instagram' : null)),
  };
}

export function lastMessageOf(m: Message): LastMessage {
  return { text: m.text, kind: m.kind, isOwn: m.isOwn, createdTime: m.createdTime };
}

/**
 * The customer in a one-to-one Instagram thread: whoever is not the account, from the participants
 * or else from the messages' senders and recipients. Null when Meta's answer names nobody else.
 */
export function customerOf(conv: GraphConversation, accountId: string): Participant | null {
  const other = conv.participants.find((p) => p.id !== accountId);
  if (other) return { id: other.id, username: other.username };
  const fromMessages = conv.messages.find((m) => m.from && m.from.id !== accountId)?.from;
  if (fromMessages) return { id: fromMessages.id, username: fromMessages.username };
  const to = conv.messages.flatMap((m) => m.to).find((p) => p.id !== accountId);
  return to ? { id: to.id, username: to.username } : null;
}

/**
 * Meta's conversation list carries no names: the name read from the User Profile API stays on the
 * row as long as the row is about the same person.
 */
function withKeptName(next: Participant, stored: Participant): Participant {
  return stored.id === next.id && stored.name !== undefined ? { ...next, name: stored.name } : next;
}

/**
 * Whether a message is the customer's: neither the account's own nor without a sender (Meta left
 * `from` out). Only these count as inbound and open the reply window.
 */
export function isInbound(m: Pick<Message, 'isOwn' | 'fromId'>): boolean {
  return !m.isOwn && m.fromId !== null;
}

const maxOf = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a == null ? (b ?? null) : b == null ? a : Math.max(a, b);

/** Folds newly stored messages into a conversation row (last message, reply-window times). */
export function foldMessages(conv: Conversation, messages: Message[]): Conversation {
  let next = conv;
  for (const m of messages) {
    const lastMessage = !next.lastMessage || m.createdTime >= next.lastMessage.createdTime ? lastMessageOf(m) : next.lastMessage;
    const lastInboundTime = isInbound(m) ? maxOf(next.lastInboundTime, m.createdTime) : next.lastInboundTime;
    next = {
      ...next,
      lastMessage,
      lastInboundTime,
      lastReplyTime: m.isOwn && !m.isDeleted ? maxOf(next.lastReplyTime, m.createdTime) : next.lastReplyTime,
      // A new customer message reopens a window Meta had reported closed.
      windowClosedAt: next.windowClosedAt !== null && (lastInboundTime ?? 0) > next.windowClosedAt ? null : next.windowClosedAt,
      updatedTime: Math.max(next.updatedTime, m.createdTime),
    };
  }
  return next;
}

export interface MergeResult {
  /** Conversations whose row or messages changed. */
  changed: string[];
  /** Messages stored for the first time (what is new since the last sync). */
  inserted: Message[];
  /** Every message written (new or changed), for the search index. */
  written: Message[];
  /** The conversation rows after the merge, by id. */
  rows: Map<string, Conversation>;
}

/**
 * Merges one page of conversations (with their newest messages) into the cache in a single
 * transaction.
 */
export async function mergeConversations(ctx: MergeContext, conversations: GraphConversation[]): Promise<MergeResult> {
  return withCacheWrite(async (cache) => {
    const changed: string[] = [];
    const inserted: Message[] = [];
    const written: Message[] = [];
    const rows = new Map<string, Conversation>();

    for (const gc of conversations) {
      const existing = await cache.getConversation(gc.id);
      const incoming: Message[] = [];
      let messagesChanged = false;
      for (const gm of gc.messages) {
        const stored = await cache.getMessage(gm.id);
        // Messages older than Meta's newest 20 come without details: there is nothing to show.
        // One Meta withholds because it was unsent (withheld.ts marked it) stays as deleted.
        if (!gm.hasDetails) {
          if (gm.isDeleted && stored && !stored.isDeleted) {
            const message = asUnsent(stored);
            await cache.putMessage(message);
            messagesChanged = true;
            written.push(message);
            incoming.push(message);
          }
          continue;
        }
        const message = toMessage(gm, gc.id, ctx, stored);
        if (!stored || JSON.stringify(stored) !== JSON.stringify(message)) {
          await cache.putMessage(message);
          messagesChanged = true;
          written.push(message);
          if (!stored) inserted.push(message);
        }
        incoming.push(message);
      }
      // A customer message missing from within the span Meta returned was unsent (see unsent.ts).
      const coversAfter = answerCoversAfter(gc.messages);
      const cachedInSpan = coversAfter === null ? [] : await cache.messagesSince(gc.id, coversAfter);
      for (const gone of vanishedFrom(gc.messages, cachedInSpan, gc.messagesComplete === true)) {
        const message = asUnsent(gone);
        await cache.putMessage(message);
        messagesChanged = true;
        written.push(message);
        // Meta's order is newest first: what it no longer lists goes before, so within one second
        // it stays where it was (the newest, when it was the newest).
        incoming.unshift(message);
      }
      // Meta's answer may leave out `participants` (and name nobody else in the messages): the
      // stored customer stays, or replies would go nowhere.
      const found = customerOf(gc, ctx.accountId);
      const keepStored = existing && !existing.participant.id.startsWith('unknown:') && (found === null || gc.participants.length === 0);
      const participant = keepStored
        ? existing.participant
        : (found ?? existing?.participant ?? { id: `unknown:${gc.id}`, username: null });
      const base: Conversation = existing ?? {
        id: gc.id,
        accountId: ctx.accountId,
        participant,
        updatedTime: gc.updatedTime,
        lastMessage: null,
        lastInboundTime: null,
        lastReplyTime: null,
        windowClosedAt: null,
      };
      const next = foldMessages(
        {
          ...base,
          participant: withKeptName({ id: participant.id, username: participant.username ?? base.participant.username }, base.participant),
          updatedTime: Math.max(gc.updatedTime, base.updatedTime),
        },
        // Meta lists newest first; reversed and stably sorted, same-second messages keep its order.
        incoming.reverse().sort((a, b) => a.createdTime - b.createdTime),
      );
      if (!existing || messagesChanged || JSON.stringify(existing) !== JSON.stringify(next)) {
        await cache.putConversation(next);
        changed.push(gc.id);
      }
      rows.set(next.id, next);
    }
    return { changed, inserted, written, rows };
  });
}

/** Stores a message the account just sent, so list and thread show it before the next sync. */
export async function recordSentMessage(message: Message): Promise<void> {
  await withCacheWrite(async (cache) => {
    const conv = await cache.getConversation(message.conversationId);
    // A conversation no longer cached (its account was disconnected meanwhile) gets nothing back.
    if (conv) {
      await cache.putMessage(message);
      await cache.putConversation(foldMessages(conv, [message]));
    }
  });
}

/** Single-message and single-row writes the outbox and reactions share with the sync. */
export { markWindowClosed, updateMessage } from '../db/cache-writes';
