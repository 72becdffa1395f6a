// In-memory data model of the emulated Graph world.
import type { JsonObject } from './util';

export interface Participant {
  /** IGSID (customer) or IG business account id. */
  id: string;
  /** Missing for some customers (Meta omits it). */
  username?: string;
  name: string | null;
  followerCount: number;
  isVerified: boolean;
  followsBusiness: boolean;
  businessFollows: boolean;
  /** Profile reads fail with code 230 for this participant. */
  noConsent?: boolean;
  /** Profile reads fail with code 9010 "No matching Instagram user" (seen for Meta's review bot). */
  noMatch?: boolean;
}

export interface StoryRef {
  kind: 'mention' | 'reply';
  id: string;
  /** Stories expire 24 h after this. */
  createdAt: number;
}

export interface Reaction {
  emoji: string;
  byBusiness: boolean;
}

export interface Message {
  id: string;
  /** Global insertion order; tie-breaker when two messages share a timestamp. */
  seq: number;
  createdAt: number;
  fromBusiness: boolean;
  text: string;
  /** Graph-shaped attachment objects; URLs starting with `/cdn/` are made absolute on output. */
  attachments?: JsonObject[];
  shares?: JsonObject[];
  story?: StoryRef;
  reactions: Reaction[];
  unsupported?: boolean;
  deleted?: boolean;
  /** Unsent, and listed with `id` and `created_time` only (Meta withholds the rest). */
  withheld?: boolean;
  replyTo?: { mid: string; isSelfReply: boolean };
  /** Seed label describing what this message demonstrates (admin/test use only). */
  label?: string;
}

export interface Conversation {
  id: string;
  pageId: string;
  customer: Participant;
  /** Oldest first. */
  messages: Message[];
  /** Seed label (admin/test use only). */
  label?: string;
  /** When the thread began; its updated_time while it has no messages. */
  createdAt?: number;
}

export interface IgAccount {
  id: string;
  username: string;
  name: string;
}

export interface Page {
  id: string;
  name: string;
  ig?: IgAccount;
  /** false → code 200 permission error on conversations/send. */
  messagingAllowed: boolean;
  conversations: Conversation[];
}

export interface Upload {
  id: string;
  pageId: string;
  mime: string;
  bytes: Buffer;
  /** Set when uploaded by URL instead of filedata. */
  url?: string;
}

export interface Dataset {
  user: { id: string; name: string };
  pages: Page[];
  conversations: Map<string, Conversation>;
  messages: Map<string, { conversation: Conversation; message: Message }>;
  nextSeq: number;
  /** Counter for ids minted at runtime (sends, admin inbound). */
  nextRuntimeId: number;
}

export function updatedTime(c: Conversation): number {
  const last = c.messages[c.messages.length - 1];
  return last ? last.createdAt : (c.createdAt ?? 0);
}

export function lastInbound(c: Conversation): Message | undefined {
  for (let i = c.messages.length - 1; i >= 0; i--) {
    const m = c.messages[i];
    if (m && !m.fromBusiness) return m;
  }
  return undefined;
}

/** Message ids look like Meta's: `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj…` (opaque base64-ish). */
export function messageId(igId: string, n: number): string {
  const tail = Buffer.from(`${igId}:${(3_400_000_000_000_000_000n + BigInt(n) * 7_919n).toString()}`).toString('base64url');
  return `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj${tail}`;
}

/** Conversation ids: `aWdfZAG06MTpJR01lc3NhZA…` */
export function conversationId(igId: string, igsid: string): string {
  return `aWdfZAG06MTpJR01lc3NhZA${Buffer.from(`${igId}:${igsid}`).toString('base64url')}`;
}

export function addMessage(ds: Dataset, conv: Conversation, msg: Omit<Message, 'seq'>): Message {
  const full: Message = { ...msg, seq: ds.nextSeq++ };
  conv.messages.push(full);
  // Keep oldest-first order even if a caller inserts an older timestamp.
  conv.messages.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  ds.messages.set(full.id, { conversation: conv, message: full });
  return full;
}
