// Turning stored objects into Graph JSON: projection, message/conversation shapes, cursor paging.
import { formatFields, type FieldNode } from './fields';
import { updatedTime, type Conversation, type Message, type Page } from './model';
import { Errors, graphTime, isObject, type Json, type JsonObject } from './util';

export const STORY_TTL_MS = 24 * 60 * 60 * 1000;

export interface RenderCtx {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** http://127.0.0.1:PORT/v24.0 */
  graphBase: string;
  now: number;
  token: string;
}

/** Keep only requested fields (recursing into `{...}` sub-selections and `{data:[...]}` lists). */
export function project(obj: JsonObject, fields: readonly FieldNode[]): JsonObject {
  const out: JsonObject = {};
  for (const f of fields) {
    const v = obj[f.name];
    if (v === undefined) continue;
    out[f.name] = f.children ? projectValue(v, f.children) : v;
  }
  return out;
}

function projectValue(v: Json, children: readonly FieldNode[]): Json {
  if (Array.isArray(v)) return v.map((x) => projectValue(x, children));
  if (isObject(v)) {
    const data = v.data;
    if (Array.isArray(data)) return { ...v, data: data.map((x) => projectValue(x, children)) };
    return project(v as JsonObject, children);
  }
  return v;
}

/** `/cdn/...` paths → absolute URLs on this server. */
export function absolutize(v: Json, baseUrl: string): Json {
  if (typeof v === 'string') return v.startsWith('/cdn/') ? baseUrl + v : v;
  if (Array.isArray(v)) return v.map((x) => absolutize(x, baseUrl));
  if (isObject(v)) {
    const o: JsonObject = {};
    for (const [k, x] of Object.entries(v)) o[k] = absolutize(x as Json, baseUrl);
    return o;
  }
  return v;
}

// ---------- cursor paging ----------

export interface Keyed {
  t: number;
  s: number;
}

function encodeCursor(k: Keyed): string {
  return Buffer.from(`QVFI:${k.t}:${k.s}`).toString('base64url');
}

function decodeCursor(c: string): Keyed {
  const m = /^QVFI:(\d+):(\d+)$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m) throw Errors.param('Invalid cursor');
  return { t: Number(m[1]), s: Number(m[2]) };
}

/** a sorts before b in newest-first order */
const before = (a: Keyed, b: Keyed): boolean => a.t > b.t || (a.t === b.t && a.s > b.s);

export function parseLimit(raw: string | null | undefined, dflt = 25): number {
  if (raw === null || raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) return dflt;
  return Math.min(100, Math.floor(n));
}

export interface PageResult<T> {
  items: T[];
  paging?: JsonObject;
}

/**
 * Keyset paging over a newest-first list. `link(params)` builds an absolute URL for next/previous.
 * Cursors encode (time, seq), so they survive insertions like Graph's (mostly) do.
 */
export function paginate<T>(
  sorted: readonly T[],
  key: (t: T) => Keyed,
  limit: number,
  after: string | null | undefined,
  beforeCursor: string | null | undefined,
  link: (cursorParam: 'after' | 'before', cursor: string) => string,
): PageResult<T> {
  let start = 0;
  let end = sorted.length;
  if (after) {
    const k = decodeCursor(after);
    start = sorted.findIndex((x) => before(k, key(x)));
    if (start < 0) start = sorted.length;
    end = Math.min(sorted.length, start + limit);
  } else if (beforeCursor) {
    const k = decodeCursor(beforeCursor);
    end = sorted.findIndex((x) => !before(key(x), k));
    if (end < 0) end = sorted.length;
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(sorted.length, limit);
  }
  const items = sorted.slice(start, end);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return { items };
  const cursors = { before: encodeCursor(key(first)), after: encodeCursor(key(last)) };
  const paging: JsonObject = { cursors };
  if (start > 0) paging.previous = link('before', cursors.before);
  if (end < sorted.length) paging.next = link('after', cursors.after);
  return { items, paging };
}

export function pageUrl(rc: RenderCtx, path: string, params: Record<string, string>): string {
  const q = new URLSearchParams({ access_token: rc.token, ...params });
  return `${rc.graphBase}${path}?${q.toString()}`;
}

// ---------- messages ----------

export const MESSAGE_FIELDS = new Set([
  'id',
  'created_time',
  'from',
  'to',
  'message',
  'attachments',
  'shares',
  'story',
  'reactions',
  'is_unsupported',
  'reply_to',
  'is_deleted',
  'tags',
  'sticker',
  'thread_id',
]);

export const messageKey = (m: Message): Keyed => ({ t: m.createdAt, s: m.seq });

/** Newest first. */
export function newestFirst(c: Conversation): Message[] {
  return [...c.messages].reverse();
}

/** Only the 20 most recent messages of a thread can be read in detail. */
export function isDetailed(c: Conversation, m: Message): boolean {
  let newer = 0;
  for (let i = c.messages.length - 1; i >= 0 && newer < 20; i--) {
    if (c.messages[i] === m) return true;
    newer++;
  }
  return false;
}

export function messageJson(page: Page, c: Conversation, m: Message, now: number): JsonObject {
  const ig = page.ig;
  const biz: JsonObject = ig ? { username: ig.username, id: ig.id } : {};
  const cust: JsonObject = c.customer.username ? { username: c.customer.username, id: c.customer.id } : { id: c.customer.id };
  const o: JsonObject = {
    id: m.id,
    created_time: graphTime(m.createdAt),
    from: m.fromBusiness ? biz : cust,
    to: { data: [m.fromBusiness ? cust : biz] },
    message: m.deleted ? '' : m.text,
  };
  if (m.deleted) {
    // Unverified: how Meta marks a deleted message in Conversations API reads (webhooks use is_deleted).
    o.is_deleted = true;
    return o;
  }
  if (m.attachments?.length) o.attachments = { data: m.attachments };
  if (m.shares?.length) o.shares = { data: m.shares.map((s) => s) };
  if (m.story) {
    const ref = { link: `/cdn/story/${m.story.id}.jpg`, id: m.story.id };
    // `story.mention` is documented; the key for story replies (`reply_to`) is unverified (§8 item 15).
    o.story = m.story.kind === 'mention' ? { mention: ref } : { reply_to: ref };
  }
  if (m.reactions.length) {
    const byEmoji = new Map<string, JsonObject[]>();
    for (const r of m.reactions) {
      const users = byEmoji.get(r.emoji) ?? [];
      users.push(r.byBusiness ? biz : cust);
      byEmoji.set(r.emoji, users);
    }
    o.reactions = { data: [...byEmoji].map(([reaction, users]) => ({ reaction, users })) };
  }
  if (m.unsupported) o.is_unsupported = true;
  if (m.replyTo) o.reply_to = { mid: m.replyTo.mid, is_self_reply: m.replyTo.isSelfReply };
  void now;
  return o;
}

/** A message as it appears in a list or node read, honouring the 20-message rule. */
export function renderMessage(page: Page, c: Conversation, m: Message, fields: readonly FieldNode[], rc: RenderCtx): JsonObject {
  if (!isDetailed(c, m) || m.withheld) return { id: m.id, created_time: graphTime(m.createdAt) };
  const full = messageJson(page, c, m, rc.now);
  const out = project(
    full,
    fields.map((f) => (f.name === 'shares' && !f.children ? { name: 'shares', children: [{ name: 'id' }] } : f)),
  );
  // Shares need explicit sub-fields on Meta; without them only ids come back.
  if (full.is_deleted && fields.some((f) => f.name === 'message')) out.is_deleted = true;
  return absolutize(out, rc.baseUrl) as JsonObject;
}

/** The `messages` edge (top-level `/{conversation}/messages` or nested `messages.limit(n){...}`). */
export function renderMessageEdge(
  page: Page,
  c: Conversation,
  sub: readonly FieldNode[] | undefined,
  limit: number,
  after: string | null,
  beforeC: string | null,
  rc: RenderCtx,
): JsonObject {
  const fields = sub ?? [{ name: 'id' }, { name: 'created_time' }];
  const fieldStr = formatFields(fields);
  const res = paginate(newestFirst(c), messageKey, limit, after, beforeC, (p, cur) =>
    pageUrl(rc, `/${c.id}/messages`, { fields: fieldStr, limit: String(limit), [p]: cur }),
  );
  const out: JsonObject = { data: res.items.map((m) => renderMessage(page, c, m, fields, rc)) };
  if (res.paging) out.paging = res.paging;
  return out;
}

// ---------- conversations ----------

export const CONVERSATION_FIELDS = new Set([
  'id',
  'updated_time',
  'participants',
  'messages',
  'is_owner',
  'unread_count',
  'message_count',
  'snippet',
  'can_reply',
  'senders',
  'folder',
  'former_participants',
  'link',
  'name',
  'subject',
  'scoped_thread_key',
  'wallpaper',
]);

export const conversationKey = (c: Conversation): Keyed => {
  const last = c.messages[c.messages.length - 1];
  return { t: updatedTime(c), s: last ? last.seq : 0 };
};

export function renderConversation(page: Page, c: Conversation, fields: readonly FieldNode[], rc: RenderCtx): JsonObject {
  const ig = page.ig;
  const out: JsonObject = {};
  for (const f of fields) {
    if (f.name === 'id') out.id = c.id;
    else if (f.name === 'updated_time') out.updated_time = graphTime(updatedTime(c));
    else if (f.name === 'participants') {
      const cust: JsonObject = c.customer.username ? { username: c.customer.username, id: c.customer.id } : { id: c.customer.id };
      const data: JsonObject[] = [cust];
      if (ig) data.push({ username: ig.username, id: ig.id });
      out.participants = f.children ? { data: data.map((d) => project(d, f.children ?? [])) } : { data };
    } else if (f.name === 'messages') {
      out.messages = renderMessageEdge(page, c, f.children, f.limit ?? 25, null, null, rc);
    }
  }
  return out;
}
