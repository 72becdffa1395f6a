/**
 * The one merge rule for what Meta serves: upsert by Meta's ids, keep what Meta no longer serves,
 * never duplicate. Running it twice with the same input changes nothing.
 */
import { getDB } from '../db';
import type { Conversation, LastMessage, Message, MessageKind, Participant } from '../db/schema';
import type { GraphConversation, GraphMessage } from '../graph/types';

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

export function toMessage(raw: GraphMessage, conversationId: string, accountId: string): Message {
  return {
    id: raw.id,
    conversationId,
    accountId,
    createdTime: raw.createdTime,
    fromId: raw.from?.id ?? null,
    isOwn: raw.from?.id === accountId,
    text: raw.isDeleted ? '' : raw.text,
    kind: messageKind(raw),
    attachments: raw.isDeleted ? [] : raw.attachments,
    storyMention: raw.storyMention,
    storyReply: raw.storyReply,
    replyToId: raw.replyToId,
    reactions: raw.reactions,
    isDeleted: raw.isDeleted,
    isUnsupported: raw.isUnsupported,
  };
}

export function lastMessageOf(m: Message): LastMessage {
  return { text: m.text, kind: m.kind, isOwn: m.isOwn, createdTime: m.createdTime };
}

/** The customer in a one-to-one Instagram thread: whoever is not the account. */
export function customerOf(conv: GraphConversation, accountId: string): Participant {
  const other = conv.participants.find((p) => p.id !== accountId);
  if (other) return { id: other.id, username: other.username };
  const fromMessages = conv.messages.find((m) => m.from && m.from.id !== accountId)?.from;
  if (fromMessages) return { id: fromMessages.id, username: fromMessages.username };
  const to = conv.messages.flatMap((m) => m.to).find((p) => p.id !== accountId);
  return { id: to?.id ?? `unknown:${conv.id}`, username: to?.username ?? null };
}

/**
 * Merges one page of conversations (with their newest messages) into the cache in a single
 * transaction. Returns the ids of conversations whose row or messages changed.
 */
export async function mergeConversations(accountId: string, conversations: GraphConversation[]): Promise<string[]> {
  const db = await getDB();
  const tx = db.transaction(['conversations', 'messages'], 'readwrite');
  const convStore = tx.objectStore('conversations');
  const msgStore = tx.objectStore('messages');
  const changed: string[] = [];

  for (const gc of conversations) {
    const existing = await convStore.get(gc.id);
    let newest: Message | null = null;
    let messagesChanged = false;
    for (const gm of gc.messages) {
      // Messages older than Meta's newest 20 come without details: there is nothing to show.
      if (!gm.hasDetails) continue;
      const incoming = toMessage(gm, gc.id, accountId);
      const stored = await msgStore.get(gm.id);
      if (!stored || JSON.stringify(stored) !== JSON.stringify(incoming)) {
        await msgStore.put(incoming);
        messagesChanged = true;
      }
      if (!newest || incoming.createdTime > newest.createdTime) newest = incoming;
    }
    const participant = customerOf(gc, accountId);
    const previous = existing?.lastMessage ?? null;
    const lastMessage = newest && (!previous || newest.createdTime >= previous.createdTime) ? lastMessageOf(newest) : previous;
    const next: Conversation = {
      id: gc.id,
      accountId,
      participant: { id: participant.id, username: participant.username ?? existing?.participant.username ?? null },
      updatedTime: Math.max(gc.updatedTime, existing?.updatedTime ?? 0, lastMessage?.createdTime ?? 0),
      lastMessage,
    };
    if (!existing || messagesChanged || JSON.stringify(existing) !== JSON.stringify(next)) {
      await convStore.put(next);
      changed.push(gc.id);
    }
  }
  await tx.done;
  return changed;
}

/** Stores a message the account just sent, so list and thread show it before the next sync. */
export async function recordSentMessage(message: Message): Promise<void> {
  const db = await getDB();
  const tx = db.transaction(['conversations', 'messages'], 'readwrite');
  await tx.objectStore('messages').put(message);
  const conv = await tx.objectStore('conversations').get(message.conversationId);
  if (conv && (!conv.lastMessage || conv.lastMessage.createdTime <= message.createdTime)) {
    await tx.objectStore('conversations').put({
      ...conv,
      lastMessage: lastMessageOf(message),
      updatedTime: Math.max(conv.updatedTime, message.createdTime),
    });
  }
  await tx.done;
}
