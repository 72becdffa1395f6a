import { plainMessage, type Account, type Conversation, type ConversationDesk, type Message, type OutboxItem } from '@/lib/db/schema';
import { emptyDesk } from '@/lib/desk/changes';
import type { GraphConversation, GraphMessage } from '@/lib/graph/types';

export function account(over: Partial<Account> = {}): Account {
  return {
    id: 'ig1',
    pageId: 'p1',
    pageName: 'Lumen Coffee Roasters',
    username: 'lumencoffee',
    name: 'Lumen Coffee',
    pictureUrl: null,
    status: 'ok',
    order: 0,
    connectedAt: 0,
    ...over,
  };
}

export function conversation(over: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1',
    accountId: 'ig1',
    participant: { id: 'u1', username: 'maria' },
    updatedTime: 1000,
    lastMessage: null,
    lastInboundTime: null,
    lastReplyTime: null,
    windowClosedAt: null,
    ...over,
  };
}

export function message(over: Partial<Message> = {}): Message {
  return plainMessage({
    id: 'm1',
    conversationId: 'c1',
    accountId: 'ig1',
    createdTime: 1000,
    fromId: 'u1',
    isOwn: false,
    text: 'Hello',
    kind: 'text',
    ...over,
  });
}

export function graphMessage(over: Partial<GraphMessage> = {}): GraphMessage {
  return {
    id: 'm1',
    createdTime: 1000,
    from: { id: 'u1', username: 'maria' },
    to: [{ id: 'ig1', username: 'lumencoffee' }],
    text: 'Hello',
    attachments: [],
    storyMention: null,
    storyReply: null,
    replyToId: null,
    reactions: [],
    isDeleted: false,
    isUnsupported: false,
    hasDetails: true,
    ...over,
  };
}

export function graphConversation(over: Partial<GraphConversation> = {}): GraphConversation {
  return {
    id: 'c1',
    updatedTime: 1000,
    participants: [
      { id: 'u1', username: 'maria' },
      { id: 'ig1', username: 'lumencoffee' },
    ],
    messages: [graphMessage()],
    ...over,
  };
}

/** A reply in the outbox, queued and never tried; tests set what their case needs. */
export function outboxItem(over: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id: 'o1',
    accountId: 'ig1',
    conversationId: 'c1',
    text: 'Hello',
    uploadIds: [],
    state: 'queued',
    createdAt: 0,
    attemptedAt: null,
    attempts: 0,
    messageIds: [],
    sentParts: [],
    error: null,
    ...over,
  };
}

/** A desk record with nothing set (open, no labels), as the background first writes one. */
export function deskRecord(conversationId: string, over: Partial<ConversationDesk> = {}): ConversationDesk {
  return { ...emptyDesk('ig1', conversationId, 1), ...over };
}
