/**
 * Reading the desk's part of an archive file (labels, conversations' desk records, notes on
 * contacts), each record checked field by field like a message: a record that fails is skipped
 * with a reason, never half-imported. Older archives have no such lists: nothing to read then.
 */
import type { ContactNote, ConversationDesk, Label, LabelColor, Snooze } from '../db/schema';
import { LABEL_COLORS } from '../db/schema';
import { MAX_LABEL_NAME, MAX_NOTE_LENGTH } from '../desk/writes';
import { FUTURE_ALLOWANCE_MS, OLDEST_TIME } from './records';
import { OPAQUE_ID, Skip, field, isObj, type Obj } from './records';

/** Instagram-scoped ids and account ids: digit strings. */
const DIGITS_ID = /^\d{1,30}$/;
/** Ids DM Desk makes for labels and notes (UUIDs), or any short token without path characters. */
const LOCAL_ID = /^[A-Za-z0-9_-]{1,100}$/;
/** A snooze or follow-up ends within this of the export (follow-ups are at most 90 days). */
const MAX_AHEAD_MS = 400 * 24 * 3_600_000;
const MAX_LABELS_PER_CONVERSATION = 50;

export interface DeskLists {
  labels: unknown[];
  desk: unknown[];
  notes: unknown[];
}

/** The three lists of a parsed archive; an absent list is empty, one that is not a list is refused as a whole. */
export function readDeskLists(data: unknown): { lists: DeskLists; damaged: Array<keyof DeskLists> } {
  const lists: DeskLists = { labels: [], desk: [], notes: [] };
  const damaged: Array<keyof DeskLists> = [];
  if (!isObj(data)) return { lists, damaged };
  for (const key of ['labels', 'desk', 'notes'] as const) {
    const v = field(data, key);
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) lists[key] = v;
    else damaged.push(key);
  }
  return { lists, damaged };
}

function time(v: unknown, now: number, ahead = FUTURE_ALLOWANCE_MS): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < OLDEST_TIME || v > now + ahead) throw new Skip('time-out-of-range');
  return v;
}

function optionalTime(v: unknown, now: number): number | null {
  return v === undefined || v === null ? null : time(v, now);
}

function days(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 90) throw new Skip('invalid-field');
  return v as number;
}

function reason(v: unknown): Snooze['reason'] {
  if (v !== 'snooze' && v !== 'follow-up') throw new Skip('invalid-field');
  return v;
}

/** A label of the file: its id (to map the desk records' labelIds), name and colour. */
export function readLabel(raw: unknown, now: number): Label {
  if (!isObj(raw)) throw new Skip('not-an-object');
  const id = field(raw, 'id');
  if (typeof id !== 'string' || !LOCAL_ID.test(id)) throw new Skip('invalid-id');
  const nameValue = field(raw, 'name');
  if (typeof nameValue !== 'string') throw new Skip('invalid-field');
  const name = nameValue.trim().replace(/\s+/g, ' ');
  if (name === '') throw new Skip('invalid-field');
  if (name.length > MAX_LABEL_NAME) throw new Skip('too-large');
  const colorValue = field(raw, 'color');
  // A colour DM Desk does not have is not worth losing the label over.
  const color: LabelColor = LABEL_COLORS.includes(colorValue as LabelColor) ? (colorValue as LabelColor) : 'gray';
  const order = field(raw, 'order');
  const createdAt = field(raw, 'createdAt');
  return {
    id,
    name,
    color,
    order: Number.isInteger(order) && (order as number) >= 0 ? (order as number) : 0,
    createdAt: typeof createdAt === 'number' && createdAt >= OLDEST_TIME && createdAt <= now ? createdAt : now,
  };
}

function readSnooze(v: unknown, now: number): Snooze | null {
  if (v === undefined || v === null) return null;
  if (!isObj(v)) throw new Skip('invalid-field');
  const d = days(field(v, 'days'));
  return {
    until: time(field(v, 'until'), now, MAX_AHEAD_MS),
    at: time(field(v, 'at'), now),
    reason: reason(field(v, 'reason')),
    ...(d !== undefined ? { days: d } : {}),
  };
}

function readReturned(v: unknown, now: number): ConversationDesk['returned'] {
  if (v === undefined || v === null) return null;
  if (!isObj(v)) throw new Skip('invalid-field');
  const d = days(field(v, 'days'));
  return { reason: reason(field(v, 'reason')), at: time(field(v, 'at'), now), ...(d !== undefined ? { days: d } : {}) };
}

/**
 * A conversation's desk record of the file; its labelIds are the file's label ids (the merge maps
 * them to this browser's labels).
 */
export function readDeskRecord(raw: unknown, connected: ReadonlySet<string>, now: number): ConversationDesk {
  if (!isObj(raw)) throw new Skip('not-an-object');
  const conversationId = field(raw, 'conversationId');
  if (typeof conversationId !== 'string' || !OPAQUE_ID.test(conversationId)) throw new Skip('invalid-id');
  const accountId = accountOf(raw, connected);
  const labelIdsValue = field(raw, 'labelIds') ?? [];
  if (!Array.isArray(labelIdsValue) || !labelIdsValue.every((id) => typeof id === 'string' && LOCAL_ID.test(id))) {
    throw new Skip('invalid-field');
  }
  if (labelIdsValue.length > MAX_LABELS_PER_CONVERSATION) throw new Skip('too-large');
  return {
    conversationId,
    accountId,
    doneAt: optionalTime(field(raw, 'doneAt'), now),
    snooze: readSnooze(field(raw, 'snooze'), now),
    returned: readReturned(field(raw, 'returned'), now),
    pinnedAt: optionalTime(field(raw, 'pinnedAt'), now),
    markedUnreadAt: optionalTime(field(raw, 'markedUnreadAt'), now),
    labelIds: [...new Set(labelIdsValue as string[])],
    updatedAt: time(field(raw, 'updatedAt'), now),
  };
}

/** A note on a contact of the file. */
export function readNote(raw: unknown, connected: ReadonlySet<string>, now: number): ContactNote {
  if (!isObj(raw)) throw new Skip('not-an-object');
  const id = field(raw, 'id');
  if (typeof id !== 'string' || !LOCAL_ID.test(id)) throw new Skip('invalid-id');
  const accountId = accountOf(raw, connected);
  const contactId = field(raw, 'contactId');
  const conversationId = field(raw, 'conversationId');
  if (typeof contactId !== 'string' || !DIGITS_ID.test(contactId)) throw new Skip('invalid-id');
  if (typeof conversationId !== 'string' || !OPAQUE_ID.test(conversationId)) throw new Skip('invalid-id');
  const textValue = field(raw, 'text');
  if (typeof textValue !== 'string' || textValue.trim() === '') throw new Skip('invalid-field');
  if (textValue.length > MAX_NOTE_LENGTH) throw new Skip('too-large');
  const createdAt = time(field(raw, 'createdAt'), now);
  const updatedAt = time(field(raw, 'updatedAt'), now);
  return { id, accountId, contactId, conversationId, text: textValue.trim(), createdAt, updatedAt: Math.max(createdAt, updatedAt) };
}

function accountOf(raw: Obj, connected: ReadonlySet<string>): string {
  const accountId = field(raw, 'accountId');
  if (typeof accountId !== 'string' || !connected.has(accountId)) throw new Skip('other-account');
  return accountId;
}
