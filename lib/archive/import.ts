/**
 * Importing an archive file: the one place where a file's content becomes cached data. Runs in
 * the background only (pages send the file's text). Every record is read with a strict schema:
 * ids in Meta's shapes, the account must be connected here, times within a sane range, links
 * through the same http(s) rule as Graph data. Nothing from the file replaces better stored data:
 * stored messages are kept as they are, and a conversation row only gains what the new messages
 * add (through the sync's own merge rule). Account fields (status, connectedAt, …) are never
 * taken from a file.
 */
import { getDB } from '../db';
import type { Conversation, Message, Participant } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import type { Notice } from '../messaging/protocol';
import type { SearchIndex } from '../search';
import { searchBackfilledItem } from '../settings';
import { toSearchDoc } from './search-docs';
import { safeHttpUrl } from '../graph/read';
import type { MessageAttachment, Person, Reaction, StoryRef } from '../graph/types';
import { foldMessages, messageKind } from '../sync/merge';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION } from './export';

/** Files above this are refused before they are read: the text must fit in one extension message (Chrome allows 64 MiB, JSON escaping included). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** No Instagram message is older than this (Instagram Direct began in 2013). */
export const OLDEST_TIME = Date.UTC(2010, 0, 1);
/** How far a time may lie ahead of this computer's clock (clock skew), before it is refused. */
export const FUTURE_ALLOWANCE_MS = 10 * 60_000;

const MAX_TEXT_LENGTH = 20_000;
const MAX_SHORT_LENGTH = 500;
const MAX_URL_LENGTH = 4096;
const MAX_LIST = 100;

/** Instagram-scoped ids, account ids and Page ids: digit strings. */
const DIGITS_ID = /^\d{1,30}$/;
/** Conversation and message ids: opaque, URL-safe tokens (never a slash, query or fragment). */
const OPAQUE_ID = /^[A-Za-z0-9_\-=+.$]{1,512}$/;

/** Why a record of the file was not imported. */
export type SkipReason =
  | 'not-an-object'
  | 'invalid-id'
  | 'other-account'
  | 'account-mismatch'
  | 'unknown-conversation'
  | 'time-out-of-range'
  | 'invalid-field'
  | 'too-large'
  | 'duplicate'
  | 'conflict';

/** What was imported after a repair. */
export type RepairReason = 'customer-from-messages' | 'customer-unknown' | 'row-time' | 'unsafe-link' | 'no-sender' | 'time-clamped';

export const SKIP_LABELS: Record<SkipReason, string> = {
  'not-an-object': 'not a record',
  'invalid-id': 'missing or malformed id',
  'other-account': 'account not connected in DM Desk',
  'account-mismatch': 'account does not match its conversation',
  'unknown-conversation': 'conversation not in the file',
  'time-out-of-range': 'time missing or impossible (too old or in the future)',
  'invalid-field': 'a field of the wrong type',
  'too-large': 'text or a field too long',
  duplicate: 'appears twice in the file',
  conflict: 'id already used by another conversation or account',
};

export const REPAIR_LABELS: Record<RepairReason, string> = {
  'customer-from-messages': 'customer id taken from the messages',
  'customer-unknown': 'customer unknown (replies need a sync first)',
  'row-time': 'conversation time replaced by its newest message',
  'unsafe-link': 'link that is not http(s) removed',
  'no-sender': 'sender unknown (does not count for the reply window)',
  'time-clamped': 'time a few minutes ahead set to now',
};

export interface ImportReport {
  /** Conversations created or updated. */
  conversations: number;
  /** Messages added. */
  messages: number;
  /** Messages already stored here, kept as they were. */
  kept: number;
  skippedConversations: Partial<Record<SkipReason, number>>;
  skippedMessages: Partial<Record<SkipReason, number>>;
  repaired: Partial<Record<RepairReason, number>>;
}

export interface ImportResult {
  report: ImportReport;
  /** Messages stored for the first time (for the search index). */
  added: Message[];
  /** Conversation rows written, by id (for the search index and notices). */
  rows: Map<string, Conversation>;
}

/** A file that is not an archive DM Desk can read: the message says why, for the person. */
export class ArchiveImportError extends Error {
  override readonly name = 'ArchiveImportError';
}

/** The file's text as JSON, or a clear refusal. */
export function parseArchiveText(text: string): unknown {
  if (text.length > MAX_IMPORT_BYTES) throw new ArchiveImportError(tooLargeMessage());
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ArchiveImportError('This file is not JSON, so it cannot be a DM Desk archive. Choose a file exported by DM Desk (.json).');
  }
}

export function tooLargeMessage(): string {
  return `This file is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB. Export fewer accounts per file and import them one by one.`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own properties only: a key such as `__proto__` in the file can never stand in for a field. */
const field = (o: Obj, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

class Skip extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

function opaqueId(v: unknown): string {
  if (typeof v !== 'string' || !OPAQUE_ID.test(v)) throw new Skip('invalid-id');
  return v;
}

function optionalOpaqueId(v: unknown): string | null {
  return typeof v === 'string' && OPAQUE_ID.test(v) ? v : null;
}

function digitsId(v: unknown): string | null {
  return typeof v === 'string' && DIGITS_ID.test(v) ? v : null;
}

function optionalBoolean(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new Skip('invalid-field');
  return v;
}

/** A short optional string (a username, a file name): too long or of another type becomes null. */
function shortString(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s !== '' && s.length <= MAX_SHORT_LENGTH ? s : null;
}

/** A time within [OLDEST_TIME, now + allowance]; a time just ahead is set to now. */
function messageTime(v: unknown, now: number, repairs: RepairReason[]): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < OLDEST_TIME || v > now + FUTURE_ALLOWANCE_MS) throw new Skip('time-out-of-range');
  if (v > now) {
    repairs.push('time-clamped');
    return now;
  }
  return v;
}

function inRange(v: unknown, now: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= OLDEST_TIME && v <= now;
}

class LinkCheck {
  dropped = false;
  url(v: unknown): string | null {
    if (v === undefined || v === null) return null;
    const safe = typeof v === 'string' && v.length <= MAX_URL_LENGTH ? safeHttpUrl(v) : null;
    if (!safe) this.dropped = true;
    return safe;
  }
}

function readList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Skip('invalid-field');
  if (v.length > MAX_LIST) throw new Skip('too-large');
  return v;
}

function readPerson(v: unknown): Person | null {
  if (!isObj(v)) return null;
  const id = digitsId(field(v, 'id'));
  return id ? { id, username: shortString(field(v, 'username')) } : null;
}

function readStory(v: unknown, links: LinkCheck): StoryRef | null {
  if (v === undefined || v === null) return null;
  if (!isObj(v)) throw new Skip('invalid-field');
  const idValue = field(v, 'id');
  return { id: typeof idValue === 'string' ? optionalOpaqueId(idValue) : null, url: links.url(field(v, 'url')) };
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 100_000 ? v : null;
}

function readAttachment(v: unknown, links: LinkCheck): MessageAttachment | null {
  if (!isObj(v)) {
    links.dropped = true;
    return null;
  }
  const type = field(v, 'type');
  if (type === 'share') {
    const url = links.url(field(v, 'url'));
    return {
      type,
      url,
      name: shortString(field(v, 'name')),
      description: typeof field(v, 'description') === 'string' ? (field(v, 'description') as string).slice(0, 2000) : null,
      isReel: url !== null && /\/reels?\//.test(url),
    };
  }
  const url = links.url(field(v, 'url'));
  if (!url) {
    links.dropped = true;
    return null;
  }
  const preview = (): string | null => links.url(field(v, 'previewUrl'));
  switch (type) {
    case 'image':
      return { type, url, previewUrl: preview(), width: num(field(v, 'width')), height: num(field(v, 'height')) };
    case 'gif':
    case 'video':
      return { type, url, previewUrl: preview() };
    case 'sticker':
    case 'audio':
      return { type, url };
    case 'file':
      return { type, url, name: shortString(field(v, 'name')) };
    default:
      links.dropped = true;
      return null;
  }
}

function readReaction(v: unknown): Reaction | null {
  if (!isObj(v)) return null;
  const emoji = field(v, 'emoji');
  if (typeof emoji !== 'string' || emoji === '' || emoji.length > 32) return null;
  const users = Array.isArray(field(v, 'users'))
    ? (field(v, 'users') as unknown[])
        .slice(0, MAX_LIST)
        .map(readPerson)
        .filter((p): p is Person => p !== null)
    : [];
  return { emoji, users };
}

interface FileMessage {
  message: Message;
  repairs: RepairReason[];
  /** False when the sender is unknown: stored, but it does not move the reply window. */
  hasSender: boolean;
}

/** One message of the file, checked field by field (the conversation's account decides `isOwn`). */
function readMessage(raw: unknown, accountId: string, conversationId: string, now: number): FileMessage {
  if (!isObj(raw)) throw new Skip('not-an-object');
  const repairs: RepairReason[] = [];
  const id = opaqueId(field(raw, 'id'));
  const createdTime = messageTime(field(raw, 'createdTime'), now, repairs);
  const textValue = field(raw, 'text');
  if (textValue !== undefined && textValue !== null && typeof textValue !== 'string') throw new Skip('invalid-field');
  const text = typeof textValue === 'string' ? textValue : '';
  if (text.length > MAX_TEXT_LENGTH) throw new Skip('too-large');
  const fromValue = field(raw, 'fromId');
  const fromId = digitsId(fromValue);
  if (fromValue !== undefined && fromValue !== null && fromId === null) throw new Skip('invalid-field');
  // Who sent it follows from the sender's id, never from a flag in the file.
  const isOwn = fromId !== null && fromId === accountId;
  if (fromId === null) repairs.push('no-sender');
  const links = new LinkCheck();
  const attachments = readList(field(raw, 'attachments'))
    .map((a) => readAttachment(a, links))
    .filter((a): a is MessageAttachment => a !== null);
  const storyMention = readStory(field(raw, 'storyMention'), links);
  const storyReply = readStory(field(raw, 'storyReply'), links);
  if (links.dropped) repairs.push('unsafe-link');
  const reactions = readList(field(raw, 'reactions'))
    .map(readReaction)
    .filter((r): r is Reaction => r !== null);
  const isDeleted = optionalBoolean(field(raw, 'isDeleted'));
  const isUnsupported = optionalBoolean(field(raw, 'isUnsupported'));
  const sentViaValue = field(raw, 'sentVia');
  const sentVia = isOwn && (sentViaValue === 'dmdesk' || sentViaValue === 'instagram') ? sentViaValue : null;
  const replyToValue = field(raw, 'replyToId');
  const message: Message = {
    id,
    conversationId,
    accountId,
    createdTime,
    fromId,
    isOwn,
    text: isDeleted ? '' : text,
    kind: messageKind({ isDeleted, isUnsupported, storyMention, storyReply, attachments, text }),
    attachments: isDeleted ? [] : attachments,
    storyMention,
    storyReply,
    replyToId: replyToValue === undefined || replyToValue === null ? null : optionalOpaqueId(replyToValue),
    reactions,
    isDeleted,
    isUnsupported,
    sentVia,
  };
  return { message, repairs, hasSender: fromId !== null };
}

interface FileConversation {
  id: string;
  accountId: string;
  participant: Participant | null;
  updatedTime: number | null;
}

function readConversation(raw: unknown, connected: ReadonlySet<string>, now: number): FileConversation {
  if (!isObj(raw)) throw new Skip('not-an-object');
  const id = opaqueId(field(raw, 'id'));
  const accountId = field(raw, 'accountId');
  if (typeof accountId !== 'string' || !connected.has(accountId)) throw new Skip('other-account');
  const participant = readPerson(field(raw, 'participant'));
  const updated = field(raw, 'updatedTime');
  return {
    id,
    accountId,
    participant: participant && participant.id !== accountId ? participant : null,
    updatedTime: inRange(updated, now) ? updated : null,
  };
}

class Counter<K extends string> {
  readonly counts: Partial<Record<K, number>> = {};
  add(key: K, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }
}

/**
 * Checks an archive (already parsed JSON) and merges what is valid into the cache, in one
 * transaction. Throws ArchiveImportError when the file as a whole is not a readable archive.
 */
export async function importArchiveData(data: unknown, now = Date.now()): Promise<ImportResult> {
  if (!isObj(data) || field(data, 'format') !== ARCHIVE_FORMAT) throw new ArchiveImportError('This file is not a DM Desk archive.');
  const version = field(data, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ArchiveImportError('This file is not a DM Desk archive.');
  }
  if (version > ARCHIVE_VERSION) {
    throw new ArchiveImportError('This archive was made by a newer DM Desk. Update DM Desk and import it again.');
  }
  const conversationsValue = field(data, 'conversations') ?? [];
  const messagesValue = field(data, 'messages') ?? [];
  if (!Array.isArray(conversationsValue) || !Array.isArray(messagesValue)) {
    throw new ArchiveImportError('This archive is damaged: its conversations or messages are not lists.');
  }

  const db = await getDB();
  // Only accounts connected here take records; the file's own account list is never used.
  const connected = new Set((await db.getAllKeys('accounts')).map(String));
  const skippedConversations = new Counter<SkipReason>();
  const skippedMessages = new Counter<SkipReason>();
  const repaired = new Counter<RepairReason>();

  // The file's conversations, checked; messages are matched to them below.
  const fileConversations = new Map<string, FileConversation>();
  const skippedConversationReason = new Map<string, SkipReason>();
  for (const raw of conversationsValue) {
    try {
      const c = readConversation(raw, connected, now);
      if (fileConversations.has(c.id)) throw new Skip('duplicate');
      fileConversations.set(c.id, c);
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
      skippedConversations.add(e.reason);
      const idValue = isObj(raw) ? field(raw, 'id') : undefined;
      if (typeof idValue === 'string' && !skippedConversationReason.has(idValue) && e.reason !== 'duplicate') {
        skippedConversationReason.set(idValue, e.reason === 'other-account' ? 'other-account' : 'unknown-conversation');
      }
    }
  }

  const tx = db.transaction(['conversations', 'messages'], 'readwrite');
  const convStore = tx.objectStore('conversations');
  const msgStore = tx.objectStore('messages');

  // Stored rows of the conversations the file names; a conversation stored under another
  // account is never touched.
  const stored = new Map<string, Conversation>();
  for (const c of [...fileConversations.values()]) {
    const row = await convStore.get(c.id);
    if (row && row.accountId !== c.accountId) {
      fileConversations.delete(c.id);
      skippedConversations.add('conflict');
      skippedConversationReason.set(c.id, 'conflict');
    } else if (row) stored.set(c.id, row);
  }

  const added: Message[] = [];
  const foldable = new Map<string, Message[]>();
  const fromFile = new Map<string, Message[]>();
  const seen = new Set<string>();
  let kept = 0;
  for (const raw of messagesValue) {
    try {
      if (!isObj(raw)) throw new Skip('not-an-object');
      const conversationIdValue = field(raw, 'conversationId');
      if (typeof conversationIdValue !== 'string') throw new Skip('unknown-conversation');
      const skippedBecause = skippedConversationReason.get(conversationIdValue);
      if (skippedBecause) throw new Skip(skippedBecause);
      let conversation: { accountId: string } | undefined = fileConversations.get(conversationIdValue);
      if (!conversation && OPAQUE_ID.test(conversationIdValue)) {
        conversation = stored.get(conversationIdValue) ?? (await convStore.get(conversationIdValue));
        if (conversation && !stored.has(conversationIdValue)) stored.set(conversationIdValue, conversation as Conversation);
      }
      if (!conversation) throw new Skip('unknown-conversation');
      if (!connected.has(conversation.accountId)) throw new Skip('other-account');
      const accountIdValue = field(raw, 'accountId');
      if (accountIdValue !== undefined && accountIdValue !== conversation.accountId) {
        throw new Skip(typeof accountIdValue === 'string' && !connected.has(accountIdValue) ? 'other-account' : 'account-mismatch');
      }
      const { message, repairs, hasSender } = readMessage(raw, conversation.accountId, conversationIdValue, now);
      if (seen.has(message.id)) throw new Skip('duplicate');
      seen.add(message.id);
      const existing = await msgStore.get(message.id);
      if (existing) {
        if (existing.conversationId !== message.conversationId) throw new Skip('conflict');
        // What is stored came from Meta (or an earlier import): it stays as it is.
        kept += 1;
        continue;
      }
      for (const r of repairs) repaired.add(r);
      await msgStore.put(message);
      added.push(message);
      fromFile.set(message.conversationId, [...(fromFile.get(message.conversationId) ?? []), message]);
      if (hasSender) foldable.set(message.conversationId, [...(foldable.get(message.conversationId) ?? []), message]);
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
      skippedMessages.add(e.reason);
    }
  }

  // Conversation rows: new ones are built from the file; stored ones only gain what the new
  // messages add, plus a customer id or name where the stored row has none.
  const rows = new Map<string, Conversation>();
  const touchedIds = new Set([...fileConversations.keys(), ...fromFile.keys()]);
  for (const id of touchedIds) {
    const current = stored.get(id) ?? null;
    const file = fileConversations.get(id) ?? null;
    const messages = (foldable.get(id) ?? []).sort((a, b) => a.createdTime - b.createdTime);
    const newest = Math.max(0, ...(fromFile.get(id) ?? []).map((m) => m.createdTime));
    let base: Conversation;
    if (current) {
      base = current;
      if (file?.participant) {
        const unknown = current.participant.id.startsWith('unknown:');
        base = {
          ...base,
          participant: {
            id: unknown ? file.participant.id : current.participant.id,
            username:
              current.participant.username ??
              (unknown || file.participant.id === current.participant.id ? file.participant.username : null),
          },
        };
      }
    } else {
      if (!file) continue;
      let updatedTime = file.updatedTime;
      if (updatedTime === null && newest === 0) {
        // Neither a readable time nor a message: nothing to place the row by.
        skippedConversations.add('time-out-of-range');
        continue;
      }
      if (updatedTime === null) {
        repaired.add('row-time');
        updatedTime = newest;
      }
      let participant = file.participant;
      if (!participant) {
        const inbound = (fromFile.get(id) ?? []).find((m) => m.fromId !== null && !m.isOwn);
        participant = inbound?.fromId ? { id: inbound.fromId, username: null } : null;
        repaired.add(participant ? 'customer-from-messages' : 'customer-unknown');
      }
      base = {
        id,
        accountId: file.accountId,
        // The sync's own marker for a thread whose customer is not known yet.
        participant: participant ?? { id: `unknown:${id}`, username: null },
        updatedTime,
        lastMessage: null,
        lastInboundTime: null,
        lastReplyTime: null,
        windowClosedAt: null,
      };
      // A stored message without sender still shows as the last message, without moving the window.
      const lastWithoutSender = (fromFile.get(id) ?? []).filter((m) => m.fromId === null).sort((a, b) => b.createdTime - a.createdTime)[0];
      if (lastWithoutSender && messages.length === 0) {
        base = {
          ...base,
          lastMessage: {
            text: lastWithoutSender.text,
            kind: lastWithoutSender.kind,
            isOwn: false,
            createdTime: lastWithoutSender.createdTime,
          },
        };
      }
    }
    const next = foldMessages(base, messages);
    if (!current || JSON.stringify(current) !== JSON.stringify(next)) {
      await convStore.put(next);
      rows.set(id, next);
    }
  }
  await tx.done;

  return {
    report: {
      conversations: rows.size,
      messages: added.length,
      kept,
      skippedConversations: skippedConversations.counts,
      skippedMessages: skippedMessages.counts,
      repaired: repaired.counts,
    },
    added,
    rows,
  };
}

export interface ImportDeps {
  search: Pick<SearchIndex, 'upsert'>;
  notify: (notice: Notice) => void;
  now?: () => number;
}

/**
 * The background's import request: the file's text in, a report out. Refusals become messages a
 * person can act on; open pages are told which conversations changed, and the imported messages
 * are added to the search index.
 */
export async function importArchiveText(text: unknown, deps: ImportDeps): Promise<ImportReport> {
  if (typeof text !== 'string') throw new DeskError('invalid-request', 'This file could not be read. Choose it again.');
  let result: ImportResult;
  try {
    result = await importArchiveData(parseArchiveText(text), deps.now?.() ?? Date.now());
  } catch (e) {
    if (e instanceof ArchiveImportError) throw new DeskError('invalid-request', e.message);
    if (typeof DOMException !== 'undefined' && e instanceof DOMException && e.name === 'QuotaExceededError') {
      throw new DeskError(
        'failed',
        'The browser has no more room for DM Desk’s archive. Nothing stored before was lost; free some disk space and import again.',
      );
    }
    logDiagnostic('import', 'Importing an archive failed', e, 'error');
    throw new DeskError('failed', 'The archive could not be imported. Nothing stored before was changed; try again.');
  }
  const byAccount = new Map<string, string[]>();
  for (const row of result.rows.values()) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row.id]);
  for (const m of result.added) {
    const ids = byAccount.get(m.accountId) ?? [];
    if (!ids.includes(m.conversationId)) byAccount.set(m.accountId, [...ids, m.conversationId]);
  }
  for (const [accountId, conversationIds] of byAccount) deps.notify({ type: 'conversations-changed', accountId, conversationIds });
  if (result.added.length > 0) {
    try {
      const rows = result.rows;
      const db = await getDB();
      const missing = [...new Set(result.added.map((m) => m.conversationId))].filter((id) => !rows.has(id));
      for (const id of missing) {
        const row = await db.get('conversations', id);
        if (row) rows.set(id, row);
      }
      await deps.search.upsert(result.added.map((m) => toSearchDoc(m, rows.get(m.conversationId))));
    } catch (e) {
      // The messages are stored: have the next start index the whole cache again.
      logDiagnostic('import', 'Imported messages could not be added to the search index', e);
      await searchBackfilledItem
        .setValue(false)
        .catch((err: unknown) => logDiagnostic('import', 'Could not ask for a new search backfill', err));
    }
  }
  return result.report;
}
