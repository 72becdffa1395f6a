/**
 * Reading an archive file: its text as JSON, its header (format and version), and each
 * conversation and message record checked field by field with a strict schema — ids in Meta's
 * shapes, times within a sane range, links through the same http(s) rule as Graph data. A record
 * that fails is skipped with a reason (`Skip`); a file that is not an archive at all is refused
 * (`ArchiveImportError`).
 */
import type { Message, Participant } from '../db/schema';
import { safeHttpUrl } from '../graph/read';
import { linkSaysReel } from '../format/shares';
import type { MessageAttachment, Person, Reaction, StoryRef } from '../graph/types';
import { messageKind } from '../sync/merge';
import { t } from '../i18n';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION } from './format';
import { MAX_IMPORT_BYTES, tooLargeMessage, type RepairReason, type SkipReason } from './report';

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
export const OPAQUE_ID = /^[A-Za-z0-9_\-=+.$]{1,512}$/;

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
    throw new ArchiveImportError(t('archive.notJson'));
  }
}

/**
 * The conversation and message lists of a parsed archive, after checking its header. Throws
 * ArchiveImportError when the file as a whole is not a readable archive.
 */
export function readArchiveLists(data: unknown): { conversations: unknown[]; messages: unknown[] } {
  if (!isObj(data) || field(data, 'format') !== ARCHIVE_FORMAT) throw new ArchiveImportError(t('archive.notArchive'));
  const version = field(data, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ArchiveImportError(t('archive.notArchive'));
  }
  if (version > ARCHIVE_VERSION) {
    throw new ArchiveImportError(t('archive.newerVersion'));
  }
  const conversationsValue = field(data, 'conversations') ?? [];
  const messagesValue = field(data, 'messages') ?? [];
  if (!Array.isArray(conversationsValue) || !Array.isArray(messagesValue)) {
    throw new ArchiveImportError(t('archive.damaged'));
  }

  return { conversations: conversationsValue, messages: messagesValue };
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own properties only: a key such as `__proto__` in the file can never stand in for a field. */
export const field = (o: Obj, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

/** A record that is not imported, and why. */
export class Skip extends Error {
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
      // Kept as exported (Meta's attachment type may have said so), else read from the link.
      isReel: field(v, 'isReel') === true || linkSaysReel(url),
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

export interface FileMessage {
  message: Message;
  repairs: RepairReason[];
  /** False when the sender is unknown: stored, but it does not move the reply window. */
  hasSender: boolean;
}

/** One message of the file, checked field by field (the conversation's account decides `isOwn`). */
export function readMessage(raw: unknown, accountId: string, conversationId: string, now: number): FileMessage {
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

export interface FileConversation {
  id: string;
  accountId: string;
  participant: Participant | null;
  updatedTime: number | null;
}

export function readConversation(raw: unknown, connected: ReadonlySet<string>, now: number): FileConversation {
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
