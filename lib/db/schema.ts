import type { DBSchema } from 'idb';
import type { MessageAttachment, Reaction, StoryRef } from '../graph/types';
import type { ContactNote, ConversationDesk, Label } from './desk-schema';

export * from './desk-schema';

export type AccountStatus =
  /** Messages can be read and sent. */
  | 'ok'
  /** instagram_manage_messages is not granted for this account: reconnect and approve it. */
  | 'permission-required'
  /** Message access is switched off in the Instagram app. */
  | 'messaging-disabled'
  /** The login expired and a silent re-login failed: the user must reconnect. */
  | 'reconnect';

export interface Account {
  /** Instagram professional account id. */
  id: string;
  pageId: string;
  pageName: string;
  username: string;
  name: string | null;
  pictureUrl: string | null;
  status: AccountStatus;
  /** Position in the pill bar (connection order). */
  order: number;
  connectedAt: number;
}

export interface Participant {
  /** Instagram-scoped id (IGSID): the identity of a contact, never the name. */
  id: string;
  username: string | null;
  /**
   * The contact's name from the User Profile API (the conversation list carries only the
   * username); null when Meta withholds it, absent until the profile was read.
   */
  name?: string | null;
}

export type MessageKind =
  | 'text'
  | 'image'
  | 'gif'
  | 'sticker'
  | 'video'
  | 'audio'
  | 'file'
  | 'share'
  | 'reel'
  | 'story-mention'
  | 'story-reply'
  | 'deleted'
  | 'unsupported';

export interface LastMessage {
  text: string;
  kind: MessageKind;
  isOwn: boolean;
  createdTime: number;
}

export interface Conversation {
  id: string;
  accountId: string;
  participant: Participant;
  updatedTime: number;
  lastMessage: LastMessage | null;
  /** The customer's newest message: the reply window runs from here. */
  lastInboundTime: number | null;
  /** The account's newest reply (a message, not a reaction or like). */
  lastReplyTime: number | null;
  /** Meta refused a send as outside the window (10/2534022) after this customer message time. */
  windowClosedAt: number | null;
}

export interface Message {
  id: string;
  conversationId: string;
  accountId: string;
  createdTime: number;
  fromId: string | null;
  /** Sent by the account (from DM Desk or any other app). */
  isOwn: boolean;
  text: string;
  kind: MessageKind;
  attachments: MessageAttachment[];
  storyMention: StoryRef | null;
  storyReply: StoryRef | null;
  replyToId: string | null;
  reactions: Reaction[];
  isDeleted: boolean;
  isUnsupported: boolean;
  /**
   * For own messages: 'dmdesk' when sent from DM Desk, 'instagram' when it came from the
   * Instagram app or another tool (an echo), null when unknown (history from before connecting).
   */
  sentVia: 'dmdesk' | 'instagram' | null;
}

/** A contact's profile from the User Profile API. The picture URL expires and is never stored. */
/** The fields every message has; the rest describe what only some carry. */
export type MessageCore = Pick<Message, 'id' | 'conversationId' | 'accountId' | 'createdTime' | 'fromId' | 'isOwn' | 'text' | 'kind'>;

/** A message with nothing beyond `fields`: no attachments, story, quoted reply or reactions. */
export function plainMessage(fields: MessageCore & Partial<Message>): Message {
  return {
    attachments: [],
    storyMention: null,
    storyReply: null,
    replyToId: null,
    reactions: [],
    isDeleted: false,
    isUnsupported: false,
    sentVia: null,
    ...fields,
  };
}

export interface Profile {
  /** Instagram-scoped id: two people with the same name are two profiles. */
  id: string;
  accountId: string;
  name: string | null;
  username: string | null;
  followerCount: number | null;
  isVerified: boolean;
  followsBusiness: boolean | null;
  businessFollows: boolean | null;
  /** 'consent-required': Meta withholds the profile until the person messages the account. */
  status: 'ok' | 'consent-required' | 'unavailable';
  fetchedAt: number;
}

/** An image picked for a reply, kept until it is sent (or the draft is discarded). */
export interface PendingUpload {
  id: string;
  accountId: string;
  conversationId: string;
  name: string;
  type: string;
  size: number;
  blob: Blob;
  addedAt: number;
}

/** A part of a reply: its images go out as one message, its text as another. */
export type OutboxPart = 'images' | 'text';

/** A reply on its way to Meta. Written before the first attempt, so nothing typed is ever lost. */
export interface OutboxItem {
  /** Local id (also the key of the pending bubble). */
  id: string;
  accountId: string;
  conversationId: string;
  text: string;
  uploadIds: string[];
  /**
   * queued: waiting to go (not before `notBefore`); sending: a request is under way (written
   * before it goes out); sent: Meta accepted every part (the item goes once the cache has them);
   * failed: Meta said no, nothing went out: it needs the person (Retry, Edit or Delete);
   * unknown: no definite answer (timeout, network, a 5xx or unreadable answer, a stopped worker):
   * Meta may have stored it, so it is checked against the thread and never sent again blindly.
   */
  state: 'queued' | 'sending' | 'sent' | 'failed' | 'unknown';
  createdAt: number;
  /** When the request that is (or was last) under way started. */
  attemptedAt: number | null;
  attempts: number;
  /** Meta's ids of what went out, in the order of `sentParts` (one per part). */
  messageIds: string[];
  /** Which parts already went out, so a retry never sends them twice. */
  sentParts: OutboxPart[];
  error: { kind: string; message: string } | null;
  /** Queued: not sent before this time (Meta's rate limit). Unknown: the next check of the thread. */
  notBefore?: number | null;
  /** What the attempt under way is doing: uploading images (no message can come of it), or sending a part. */
  stage?: 'upload' | OutboxPart | null;
  /** The thread's newest message ids before the attempt: only messages newer than these can be its reply. */
  baseline?: string[];
}

/** Text typed into a conversation's reply box and not sent yet. */
export interface Draft {
  conversationId: string;
  accountId: string;
  text: string;
  updatedAt: number;
}

/** When a conversation was last opened in DM Desk (local read state: Meta exposes none). */
export interface OpenedState {
  conversationId: string;
  accountId: string;
  openedAt: number;
}

export type SyncErrorKind = 'permission' | 'messaging-disabled' | 'auth' | 'rate-limit' | 'failed';

export interface SyncState {
  accountId: string;
  /** Newest conversation `updated_time` seen by the last complete sync. */
  watermark: number;
  lastSyncedAt: number | null;
  running: boolean;
  error: { kind: SyncErrorKind; message: string; at: number } | null;
  /** Meta rate-limited the account: it is not asked again before this time (epoch ms). */
  resumeAt?: number | null;
  /**
   * Conversations per call and messages per conversation Meta accepted after it asked for less
   * data (code 1), and when it last did; absent: the defaults.
   */
  pageLimit?: number;
  messageLimit?: number;
  limitsReducedAt?: number;
  /**
   * Threads read with fewer than Meta's newest 20 messages whose older ones may be missing
   * (id → their `updated_time` then). The watermark stays below each until it is read whole.
   */
  partialThreads?: Record<string, number>;
  /**
   * A pass stopped by the page cap: where the next run continues, and the newest `updated_time`
   * the pass has seen so far.
   */
  resume?: { after: string; newest: number } | null;
}

export interface DeskDB extends DBSchema {
  accounts: { key: string; value: Account };
  conversations: {
    key: string;
    value: Conversation;
    indexes: { 'by-account-updated': [string, number] };
  };
  messages: {
    key: string;
    value: Message;
    indexes: { 'by-conversation-time': [string, number] };
  };
  syncState: { key: string; value: SyncState };
  profiles: { key: string; value: Profile };
  uploads: { key: string; value: PendingUpload; indexes: { 'by-conversation': string } };
  outbox: { key: string; value: OutboxItem; indexes: { 'by-conversation': string; 'by-state': string } };
  drafts: { key: string; value: Draft };
  opened: { key: string; value: OpenedState };
  desk: { key: string; value: ConversationDesk; indexes: { 'by-account': string } };
  labels: { key: string; value: Label };
  notes: { key: string; value: ContactNote; indexes: { 'by-contact': [string, string]; 'by-account': string } };
}

export const DB_NAME = 'dm-desk';
export const DB_VERSION = 4;
