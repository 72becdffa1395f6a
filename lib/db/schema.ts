import type { DBSchema } from 'idb';
import type { MessageAttachment, Reaction, StoryRef } from '../graph/types';

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
}

export type SyncErrorKind = 'permission' | 'messaging-disabled' | 'auth' | 'rate-limit' | 'failed';

export interface SyncState {
  accountId: string;
  /** Newest conversation `updated_time` seen by the last complete sync. */
  watermark: number;
  lastSyncedAt: number | null;
  running: boolean;
  error: { kind: SyncErrorKind; message: string; at: number } | null;
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
}

export const DB_NAME = 'dm-desk';
export const DB_VERSION = 1;
