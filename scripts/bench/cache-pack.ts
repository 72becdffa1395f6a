/**
 * Messages packed small for the trip into the bench's extension page: at 1,000,000 messages the
 * records as JSON are ~500 MB, which DevTools takes minutes to carry. Every cached message the
 * bench writes is a plain text message, so only what differs between them travels: ids
 * front-coded against the previous one, conversation and text by index into a table, the time
 * and who sent it. `UNPACK_MESSAGES` rebuilds the records inside the page. Unit-tested in
 * tests/unit/scripts/bench-cache-pack.test.ts.
 */
import type { Message } from '../../lib/db/schema';

export interface PackedMessages {
  /** The fields every message shares (empty attachments, no reactions, …). */
  template: Record<string, unknown>;
  /** Per conversation index: [conversationId, accountId, customer's id]. */
  conversations: Array<[string, string, string]>;
  texts: Array<string | null>;
  /** Per message: characters shared with the previous id, then the rest of the id. */
  idShared: number[];
  idRest: string[];
  /** Per message: conversation index, createdTime, 1 when the account sent it, text index. */
  columns: number[];
}

const VARYING = new Set(['id', 'conversationId', 'accountId', 'createdTime', 'fromId', 'isOwn', 'text', 'kind']);

function sharedPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Packs plain text messages, each with the same fields as `messages[0]` beyond the varying ones
 * (anything else is an error: the bench would write something other than what it seeded).
 */
export function packMessages(messages: readonly Message[]): PackedMessages {
  const first = messages[0] as unknown as Record<string, unknown> | undefined;
  const template: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(first ?? {})) if (!VARYING.has(k)) template[k] = v;
  const templateJson = JSON.stringify(template);
  const conversations: PackedMessages['conversations'] = [];
  const convIndex = new Map<string, number>();
  const texts: Array<string | null> = [];
  const textIndex = new Map<string | null, number>();
  const idShared: number[] = [];
  const idRest: string[] = [];
  const columns: number[] = [];
  let prev = '';
  for (const m of messages) {
    const { id, conversationId, accountId, createdTime, fromId, isOwn, text, kind, ...rest } = m;
    if (kind !== 'text' || JSON.stringify(rest) !== templateJson) throw new Error(`message ${id} is not a plain text message`);
    if (isOwn && fromId !== accountId) throw new Error(`message ${id}: own message from ${fromId}`);
    let c = convIndex.get(conversationId);
    if (c === undefined) {
      c = conversations.length;
      convIndex.set(conversationId, c);
      conversations.push([conversationId, accountId, '']);
    }
    const conv = conversations[c]!;
    if (conv[1] !== accountId) throw new Error(`message ${id}: a conversation of two accounts`);
    if (!isOwn) {
      if (fromId === null) throw new Error(`message ${id}: a customer's message without a sender`);
      if (conv[2] === '') conv[2] = fromId;
      else if (conv[2] !== fromId) throw new Error(`message ${id}: a conversation with two customers`);
    }
    let t = textIndex.get(text);
    if (t === undefined) {
      t = texts.length;
      textIndex.set(text, t);
      texts.push(text);
    }
    const shared = sharedPrefix(prev, id);
    idShared.push(shared);
    idRest.push(id.slice(shared));
    prev = id;
    columns.push(c, createdTime, isOwn ? 1 : 0, t);
  }
  return { template, conversations, texts, idShared, idRest, columns };
}

/** `unpackMessages(packed)` as JS text for the page: the records `packMessages` was given, in order. */
export const UNPACK_MESSAGES = `function unpackMessages(p) {
  const out = new Array(p.idRest.length);
  let prev = '';
  for (let i = 0; i < out.length; i++) {
    const id = prev.slice(0, p.idShared[i]) + p.idRest[i];
    prev = id;
    const conv = p.conversations[p.columns[4 * i]];
    const own = p.columns[4 * i + 2] === 1;
    out[i] = Object.assign({
      id, conversationId: conv[0], accountId: conv[1], createdTime: p.columns[4 * i + 1],
      fromId: own ? conv[1] : conv[2], isOwn: own, text: p.texts[p.columns[4 * i + 3]], kind: 'text',
    }, p.template);
  }
  return out;
}`;
