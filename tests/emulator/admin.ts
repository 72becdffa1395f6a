// Admin API under /__admin/ (never reachable under /v24.0): reset, inbound messages, faults, flags, logs.
import { CUSTOMER_LINES, MESSAGE_KINDS, contentOfKind, type MessageKind } from './content';
import type { Env } from './context';
import { addMessage, conversationId, messageId, updatedTime, type Conversation, type Page, type Participant } from './model';
import { graphTime, isObject, type Json, type JsonObject } from './util';
import type { SeedOption } from './seed';
import { resetState, type Fault, type FaultKind } from './state';
import { unsend } from './unsend';

export interface AdminResult {
  status: number;
  body: Json;
}

const FAULT_KINDS: readonly FaultKind[] = [
  'status',
  'latency',
  'rate_limit',
  'token_expired',
  'malformed',
  'permission',
  'processed_cut',
  'processed_drop',
  'processed_reset',
  'processed_status',
  'hold',
  'timeout',
  'cursor_stuck',
  'data_size',
];
const RATE_LIMIT_CODES = [4, 17, 32, 613, 80002, 80006];
const ok = (body: Json = { ok: true }): AdminResult => ({ status: 200, body });
const bad = (message: string, status = 400): AdminResult => ({ status, body: { error: message } });

export function findAccount(env: Env, key: string | undefined): Page | undefined {
  const pages = env.state.ds.pages.filter((p) => p.ig);
  if (!key) return pages[0];
  return pages.find((p) => p.ig?.username === key || p.ig?.id === key || p.id === key);
}

export interface InboundSpec {
  account?: string;
  /** `name`: the new participant's name in the User Profile API (none when left out). */
  from?: string | { username?: string; name?: string };
  text?: string;
  kind?: string;
  /**
   * An echo: the business itself wrote this from the Instagram app (or another tool), so it
   * shows in reads as sent by the business account.
   */
  echo?: boolean;
}

/** Create a customer message (or, with `echo`, a business message from another app) "now". Returns ids or an error string. */
export function inbound(env: Env, spec: InboundSpec): { conversation_id: string; message_id: string } | string {
  const page = findAccount(env, spec.account);
  const ig = page?.ig;
  if (!page || !ig) return `unknown account ${spec.account ?? ''}`;
  const ds = env.state.ds;
  const n = ds.nextRuntimeId++;
  let conv: Conversation | undefined;
  if (typeof spec.from === 'string') {
    conv = page.conversations.find((c) => c.customer.id === spec.from);
    if (!conv) return `no conversation with participant ${spec.from} on ${ig.username}`;
  } else if (isObject(spec.from)) {
    const username = typeof spec.from.username === 'string' ? spec.from.username : undefined;
    conv = username ? page.conversations.find((c) => c.customer.username === username) : undefined;
    if (!conv) {
      const customer: Participant = {
        id: String(7_100_000_000_000_000 + n),
        name: typeof spec.from.name === 'string' ? spec.from.name : null,
        followerCount: 12,
        isVerified: false,
        followsBusiness: false,
        businessFollows: false,
      };
      if (username) customer.username = username;
      conv = { id: conversationId(ig.id, customer.id), pageId: page.id, customer, messages: [], label: 'admin_inbound' };
      page.conversations.push(conv);
      ds.conversations.set(conv.id, conv);
    }
  } else {
    // No `from`: the most recently active conversation.
    conv = [...page.conversations].sort((a, b) => updatedTime(b) - updatedTime(a))[0];
    if (!conv) return `account ${ig.username} has no conversations; pass from:{username}`;
  }
  const kind = (spec.kind ?? 'text') as MessageKind;
  if (!MESSAGE_KINDS.includes(kind)) return `unknown kind ${spec.kind ?? ''}; one of ${MESSAGE_KINDS.join(', ')}`;
  const now = env.now();
  const text = spec.text ?? (kind === 'text' ? (CUSTOMER_LINES[n % CUSTOMER_LINES.length] ?? 'hi') : '');
  const msg = addMessage(ds, conv, {
    id: messageId(ig.id, n),
    createdAt: now,
    fromBusiness: spec.echo === true,
    reactions: [],
    ...contentOfKind(kind, n, text, now),
  });
  return { conversation_id: conv.id, message_id: msg.id };
}

function messagesView(env: Env, page: Page, convId: string | null): Json {
  const ig = page.ig;
  if (!convId) {
    return [...page.conversations]
      .sort((a, b) => updatedTime(b) - updatedTime(a))
      .map((c) => ({
        id: c.id,
        label: c.label ?? null,
        customer: participantView(c.customer),
        message_count: c.messages.length,
        updated_time: graphTime(updatedTime(c)),
      }));
  }
  const conv = page.conversations.find((c) => c.id === convId);
  if (!conv) return null;
  return conv.messages.map((m) => {
    const o: JsonObject = {
      id: m.id,
      created_time: graphTime(m.createdAt),
      from: m.fromBusiness ? { id: ig?.id ?? '', username: ig?.username ?? '' } : participantView(conv.customer),
      text: m.text,
      reactions: m.reactions.map((r) => ({ emoji: r.emoji, by_business: r.byBusiness })),
    };
    if (m.label) o.label = m.label;
    if (m.attachments) o.attachments = m.attachments;
    if (m.shares) o.shares = m.shares;
    if (m.story) o.story = { kind: m.story.kind, id: m.story.id, expired: env.now() > m.story.createdAt + 24 * 3600 * 1000 };
    if (m.deleted) o.deleted = true;
    if (m.unsupported) o.unsupported = true;
    if (m.replyTo) o.reply_to = m.replyTo.mid;
    return o;
  });
}

function participantView(p: Participant): JsonObject {
  const o: JsonObject = { id: p.id, username: p.username ?? null, name: p.name };
  if (p.noConsent) o.no_consent = true;
  return o;
}

function summary(env: Env): Json {
  const s = env.state;
  return {
    now: new Date(env.now()).toISOString(),
    clock_offset_ms: s.clockOffsetMs,
    user: s.ds.user,
    accounts: s.ds.pages.map((p) => ({
      page_id: p.id,
      page_name: p.name,
      ig_id: p.ig?.id ?? null,
      username: p.ig?.username ?? null,
      messaging_allowed: p.messagingAllowed,
      conversations: p.conversations.length,
      messages: p.conversations.reduce((n, c) => n + c.messages.length, 0),
    })),
    tokens: s.tokens.size,
    consent: [...s.consent].map(([client_id, scopes]) => ({ client_id, scopes: [...scopes] })),
    declined: [...s.declined],
    human_agent: s.humanAgent,
    faults: s.faults.map((f) => ({
      id: f.id,
      match: f.match,
      method: f.method ?? null,
      kind: f.kind,
      remaining: f.unlimited ? 0 : f.remaining,
      ...(f.pageId ? { page_id: f.pageId } : {}),
      ...(f.code !== undefined ? { code: f.code } : {}),
      ...(f.untilMs !== undefined ? { until: new Date(f.untilMs).toISOString() } : {}),
    })),
    requests: s.requests.length,
  };
}

/** `POST /__admin/faults` body → a fault, or an error string. */
export function parseFault(env: Env, b: Record<string, Json>): Fault | string {
  const s = env.state;
  const kind = b.kind as FaultKind;
  if (typeof b.match !== 'string' || !FAULT_KINDS.includes(kind)) return `need {match: string, kind: ${FAULT_KINDS.join('|')}}`;
  const times = typeof b.times === 'number' ? b.times : 1;
  const f: Fault = {
    id: s.nextFaultId++,
    match: b.match,
    kind,
    status: typeof b.status === 'number' ? b.status : 500,
    latencyMs: typeof b.latencyMs === 'number' ? b.latencyMs : kind === 'hold' ? 25_000 : 1000,
    remaining: times,
    unlimited: times === 0,
  };
  if (typeof b.method === 'string') f.method = b.method;
  if (b.account !== undefined) {
    const page = typeof b.account === 'string' ? findAccount(env, b.account) : undefined;
    if (!page) return `unknown account ${JSON.stringify(b.account)}`;
    f.pageId = page.id;
  }
  if (kind === 'rate_limit') {
    const code = typeof b.code === 'number' ? b.code : 80002;
    if (!RATE_LIMIT_CODES.includes(code)) return `rate_limit code must be one of ${RATE_LIMIT_CODES.join(', ')}`;
    f.code = code;
    if (typeof b.regainMinutes === 'number') {
      if (!(b.regainMinutes > 0)) return 'regainMinutes must be > 0';
      f.regainMinutes = b.regainMinutes;
      f.untilMs = env.now() + b.regainMinutes * 60_000;
    }
  }
  if (kind === 'processed_status') {
    const code = typeof b.code === 'number' ? b.code : 2;
    if (code !== 1 && code !== 2) return 'processed_status code must be 1 or 2';
    f.code = code;
  }
  if (kind === 'data_size') f.maxData = typeof b.maxData === 'number' ? b.maxData : 100;
  return f;
}

function seedFrom(v: unknown): SeedOption | undefined {
  if (v === 'default') return 'default';
  if (isObject(v) && isObject(v.scale)) {
    const c = Number(v.scale.conversations);
    const m = Number(v.scale.messagesPerConversation);
    if (c >= 0 && m >= 1) return { scale: { conversations: Math.floor(c), messagesPerConversation: Math.floor(m) } };
  }
  return undefined;
}

export function handleAdmin(env: Env, method: string, route: string, body: Json, query: URLSearchParams): AdminResult {
  const s = env.state;
  const b: Record<string, Json> = isObject(body) ? (body as Record<string, Json>) : {};
  const key = `${method} ${route}`;
  switch (key) {
    case 'POST reset':
      resetState(s, env.now() - s.clockOffsetMs, seedFrom(b.seed) ?? s.seed);
      return ok();
    case 'GET state':
      return ok(summary(env));
    case 'POST inbound': {
      const from =
        typeof b.from === 'string'
          ? b.from
          : isObject(b.from)
            ? {
                username: typeof b.from.username === 'string' ? b.from.username : undefined,
                name: typeof b.from.name === 'string' ? b.from.name : undefined,
              }
            : undefined;
      const r = inbound(env, {
        account: typeof b.account === 'string' ? b.account : undefined,
        from: from as InboundSpec['from'],
        text: typeof b.text === 'string' ? b.text : undefined,
        kind: typeof b.kind === 'string' ? b.kind : undefined,
        echo: b.echo === true,
      });
      return typeof r === 'string' ? bad(r) : ok(r);
    }
    case 'POST unsend': {
      const r = unsend(env, {
        account: typeof b.account === 'string' ? b.account : undefined,
        message_id: typeof b.message_id === 'string' ? b.message_id : undefined,
        mode: typeof b.mode === 'string' ? b.mode : undefined,
      });
      return typeof r === 'string' ? bad(r) : ok(r);
    }
    case 'POST faults': {
      const r = parseFault(env, b);
      if (typeof r === 'string') return bad(r);
      s.faults.push(r);
      return ok({ id: r.id });
    }
    case 'DELETE faults':
      s.faults = [];
      return ok();
    case 'POST permissions': {
      if (typeof b.permission !== 'string' || (b.status !== 'declined' && b.status !== 'granted'))
        return bad('need {permission, status: declined|granted}');
      if (b.status === 'declined') s.declined.add(b.permission);
      else s.declined.delete(b.permission);
      return ok();
    }
    case 'POST expire-tokens':
      for (const t of s.tokens.values()) t.expired = true;
      return ok({ expired: s.tokens.size });
    case 'POST consent':
      if (b.remember === true) {
        const id = typeof b.client_id === 'string' ? b.client_id : '*';
        const scopes = Array.isArray(b.scopes) ? b.scopes.filter((x): x is string => typeof x === 'string') : ['*'];
        s.consent.set(id, new Set(scopes));
      } else s.consent.clear();
      return ok();
    case 'POST human-agent':
      s.humanAgent = b.enabled === true;
      return ok();
    case 'POST advance': {
      const ms = typeof b.ms === 'number' ? b.ms : 0;
      s.clockOffsetMs += ms;
      return ok({ now: new Date(env.now()).toISOString() });
    }
    case 'GET requests':
      return ok(s.requests);
    case 'DELETE requests':
      s.requests = [];
      return ok();
    case 'GET messages': {
      const page = findAccount(env, query.get('account') ?? undefined);
      if (!page?.ig) return bad('unknown account', 404);
      const view = messagesView(env, page, query.get('conversation'));
      return view === null ? bad('unknown conversation', 404) : ok(view);
    }
    default:
      return bad(`unknown admin route ${key}`, 404);
  }
}
