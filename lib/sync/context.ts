/**
 * What the parts of a sync share: the service's dependencies, the clock, and whether an account is
 * being disconnected (a run under way then stops before its next write).
 */
import type { AuthService } from '../auth/service';
import type { Account, Conversation, Message } from '../db/schema';
import type { GraphClient } from '../graph/client';
import type { GraphConversation, Paged } from '../graph/types';
import type { Notice } from '../messaging/protocol';

export interface SyncDeps {
  client: GraphClient;
  auth: AuthService;
  notify: (notice: Notice) => void;
  /** New messages arrived for an account (not on its first sync). */
  onNewMessages?: (account: Account, messages: Message[], conversations: Map<string, Conversation>) => Promise<void>;
  /** Messages were written to the cache (search index). */
  onMessagesStored?: (messages: Message[], conversations: Map<string, Conversation>) => Promise<void>;
  /** A sync started or ended; `changed` lists the conversations it wrote (none when it started). */
  onStateChanged?: (change: { changed: string[] }) => Promise<void>;
  now?: () => number;
}

/** One page of an account's conversation list. */
export type Page = Paged<GraphConversation>;

export interface SyncContext {
  readonly deps: SyncDeps;
  now(): number;
  /** The account is being disconnected: write nothing more for it. */
  isStopped(accountId: string): boolean;
}
