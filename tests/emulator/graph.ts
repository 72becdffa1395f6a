// Graph node/edge routing for reads (GET/DELETE) and dispatch of writes to send.ts.
import { authenticate, countRead, pageOfToken, requireMessaging, requirePageToken, requireTokenFor } from './auth';
import { param, type Call, type Env, type GraphRequest } from './context';
import { assertKnownFields, fieldsOrDefault } from './fields';
import type { Page } from './model';
import {
  CONVERSATION_FIELDS,
  MESSAGE_FIELDS,
  conversationKey,
  isDetailed,
  pageUrl,
  paginate,
  parseLimit,
  project,
  renderConversation,
  renderMessage,
  renderMessageEdge,
  type RenderCtx,
} from './render';
import { handleSend, handleUpload } from './send';
import { issuePageToken } from './state';
import { Errors, GraphError, type JsonObject } from './util';

const USER_FIELDS = new Set([
  'id',
  'name',
  'first_name',
  'last_name',
  'middle_name',
  'short_name',
  'email',
  'picture',
  'accounts',
  'permissions',
]);
const PAGE_FIELDS = new Set([
  'id',
  'name',
  'access_token',
  'instagram_business_account',
  'tasks',
  'category',
  'category_list',
  'picture',
  'link',
  'username',
  'connected_instagram_account',
  'about',
  'fan_count',
]);
const PROFILE_FIELDS = new Set([
  'id',
  'name',
  'username',
  'profile_pic',
  'follower_count',
  'is_verified_user',
  'is_user_follow_business',
  'is_business_follow_user',
]);
const IG_FIELDS = new Set([
  'id',
  'username',
  'name',
  'profile_picture_url',
  'followers_count',
  'follows_count',
  'media_count',
  'biography',
  'website',
  'ig_id',
]);

export function renderCtx(call: Call): RenderCtx {
  return { baseUrl: call.env.baseUrl, graphBase: call.env.graphBase, now: call.now, token: call.token.token };
}

/** Everything behind `/v24.0` except the OAuth dialog. Throws GraphError on failure. */
export async function routeGraph(env: Env, req: GraphRequest): Promise<{ body: JsonObject; call: Call }> {
  const token = authenticate(env, req);
  const call: Call = { env, req, token, now: env.now() };
  const page = pageOfToken(env, token);
  if (page) call.page = page;
  const seg = req.path.split('/').filter(Boolean);
  const method = req.method.toUpperCase();
  const [head, edge, extra] = seg;
  if (!head || extra !== undefined) throw Errors.unsupported(method === 'POST' ? 'post' : 'get', req.path);

  if (method === 'POST') {
    const target = head === 'me' ? requirePageToken(call) : env.state.ds.pages.find((p) => p.id === head);
    if (!target) throw Errors.unsupported('post', head);
    requireTokenFor(call, target, head, 'post');
    if (edge === 'messages') return { body: handleSend(call, target), call };
    if (edge === 'message_attachments') return { body: handleUpload(call, target), call };
    throw Errors.unsupported('post', req.path.slice(1));
  }

  if (head === 'me') return { body: routeMe(call, edge, method), call };
  if (method !== 'GET') throw Errors.unsupported('delete', head);

  const ds = env.state.ds;
  const pageNode = ds.pages.find((p) => p.id === head);
  if (pageNode) {
    if (edge === 'conversations') return { body: listConversations(call, pageNode), call };
    if (edge !== undefined) throw Errors.unsupported('get', `${head}/${edge}`);
    if (call.token.kind === 'page' && call.page?.id !== pageNode.id) throw Errors.unsupported('get', head);
    return { body: pageJson(call, pageNode, fieldsOrDefault(param(req, 'fields'), ['id', 'name'])), call };
  }
  const conv = ds.conversations.get(head);
  if (conv) {
    const p = pageById(call, conv.pageId);
    requireTokenFor(call, p, head);
    requireMessaging(call, p);
    countRead(call, p);
    const rc = renderCtx(call);
    if (edge === 'messages') {
      const fields = fieldsOrDefault(param(req, 'fields'), ['id', 'created_time']);
      assertKnownFields(fields, MESSAGE_FIELDS, 'Message');
      return {
        body: renderMessageEdge(p, conv, fields, parseLimit(param(req, 'limit')), param(req, 'after'), param(req, 'before'), rc),
        call,
      };
    }
    if (edge !== undefined) throw Errors.unsupported('get', `${head}/${edge}`);
    const fields = fieldsOrDefault(param(req, 'fields'), ['id', 'updated_time']);
    assertKnownFields(fields, CONVERSATION_FIELDS, 'Conversation');
    return { body: renderConversation(p, conv, fields, rc), call };
  }
  const hit = ds.messages.get(head);
  if (hit && edge === undefined) {
    const p = pageById(call, hit.conversation.pageId);
    requireTokenFor(call, p, head);
    requireMessaging(call, p);
    countRead(call, p);
    const fields = fieldsOrDefault(param(req, 'fields'), ['id', 'created_time']);
    assertKnownFields(fields, MESSAGE_FIELDS, 'Message');
    // Fetched alone, a message the customer unsent answers with Meta's "deleted" error (instagram-api.md, error table).
    if (hit.message.deleted) throw new GraphError({ message: 'This Message has been deleted by the user or the business', code: 9000001 });
    if (!isDetailed(hit.conversation, hit.message)) {
      // Unverified (instagram-api.md §8 item 9): Meta's exact code for messages older than the newest 20.
      throw Errors.param('This message is too old to be fetched');
    }
    return { body: renderMessage(p, hit.conversation, hit.message, fields, renderCtx(call)), call };
  }
  const igPage = ds.pages.find((p) => p.ig?.id === head);
  if (igPage?.ig && edge === undefined) {
    if (call.token.kind === 'page' && call.page?.id !== igPage.id) throw Errors.unsupported('get', head);
    const fields = fieldsOrDefault(param(req, 'fields'), ['id']);
    assertKnownFields(fields, IG_FIELDS, 'IGUser');
    const ig = igPage.ig;
    const full: JsonObject = {
      id: ig.id,
      username: ig.username,
      name: ig.name,
      profile_picture_url: `${env.baseUrl}/cdn/avatar/${ig.id}.png`,
      followers_count: 1200 + igPage.conversations.length * 37,
      ig_id: Number(ig.id.slice(5)),
    };
    return { body: project(full, fields), call };
  }
  if (edge === undefined && /^\d+$/.test(head)) return { body: profile(call, head), call };
  throw Errors.unsupported('get', req.path.slice(1));
}

function pageById(call: Call, id: string): Page {
  const p = call.env.state.ds.pages.find((x) => x.id === id);
  if (!p) throw Errors.unsupported('get', id);
  return p;
}

function routeMe(call: Call, edge: string | undefined, method: string): JsonObject {
  const { env, req } = call;
  const state = env.state;
  if (edge === 'permissions') {
    if (method === 'DELETE') {
      if (call.token.kind !== 'user') throw Errors.param('Requires a user access token');
      for (const t of state.tokens.values()) t.revoked = true;
      state.consent.clear();
      return { success: true };
    }
    const data: JsonObject[] = call.token.scopes
      .filter((s) => !state.declined.has(s))
      .map((permission) => ({ permission, status: 'granted' }));
    for (const permission of state.declined) data.push({ permission, status: 'declined' });
    return { data };
  }
  if (method !== 'GET') throw Errors.unsupported('delete', 'me');
  if (call.token.kind === 'page') {
    if (edge !== undefined) throw Errors.param(`Tried accessing nonexisting field (${edge}) on node type (Page)`);
    return pageJson(call, requirePageToken(call), fieldsOrDefault(param(req, 'fields'), ['id', 'name']));
  }
  if (edge === 'accounts') {
    const fields = fieldsOrDefault(param(req, 'fields'), ['id', 'name']);
    assertKnownFields(fields, PAGE_FIELDS, 'Page');
    // Without pages_show_list Graph returns an empty list rather than an error.
    const pages = call.token.scopes.includes('pages_show_list') && !state.declined.has('pages_show_list') ? state.ds.pages : [];
    const limit = parseLimit(param(req, 'limit'));
    const raw = param(req, 'fields');
    const res = paginate(
      pages,
      (p) => ({ t: pages.length - pages.indexOf(p), s: 0 }),
      limit,
      param(req, 'after'),
      param(req, 'before'),
      (k, cur) => pageUrl(renderCtx(call), '/me/accounts', { ...(raw ? { fields: raw } : {}), limit: String(limit), [k]: cur }),
    );
    const out: JsonObject = { data: res.items.map((p) => pageJson(call, p, fields)) };
    out.paging = res.paging ?? { cursors: {} };
    return out;
  }
  if (edge !== undefined) throw Errors.param(`Tried accessing nonexisting field (${edge}) on node type (User)`);
  const fields = fieldsOrDefault(param(req, 'fields'), ['id', 'name']);
  assertKnownFields(fields, USER_FIELDS, 'User');
  const [first = '', last = ''] = state.ds.user.name.split(' ');
  return project({ id: state.ds.user.id, name: state.ds.user.name, first_name: first, last_name: last, short_name: first }, fields);
}

function pageJson(call: Call, page: Page, fields: ReturnType<typeof fieldsOrDefault>): JsonObject {
  assertKnownFields(fields, PAGE_FIELDS, 'Page');
  const out: JsonObject = {};
  for (const f of fields) {
    if (f.name === 'id') out.id = page.id;
    else if (f.name === 'name') out.name = page.name;
    else if (f.name === 'category') out.category = 'Coffee Shop';
    else if (f.name === 'tasks') out.tasks = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'];
    else if (f.name === 'access_token') {
      if (call.token.kind === 'user') out.access_token = issuePageToken(call.env.state, call.token, page.id, call.now).token;
      else out.access_token = call.token.token;
    } else if (f.name === 'instagram_business_account' && page.ig) {
      const ig = page.ig;
      const full: JsonObject = {
        id: ig.id,
        username: ig.username,
        name: ig.name,
        profile_picture_url: `${call.env.baseUrl}/cdn/avatar/${ig.id}.png`,
      };
      out.instagram_business_account = project(full, f.children ?? [{ name: 'id' }]);
    }
  }
  return out;
}

function listConversations(call: Call, page: Page): JsonObject {
  const { req } = call;
  if (call.token.kind !== 'page')
    throw new GraphError({ message: '(#190) This method must be called with a Page Access Token', code: 190 });
  requireTokenFor(call, page, page.id);
  const platform = param(req, 'platform');
  if (!platform) throw Errors.param('The parameter platform is required');
  if (!/^(instagram|messenger)$/i.test(platform))
    throw Errors.param('Param platform must be one of {MESSENGER, INSTAGRAM} - got "' + platform + '"');
  requireMessaging(call, page);
  countRead(call, page);
  const raw = param(req, 'fields');
  const fields = fieldsOrDefault(raw, ['id', 'updated_time']);
  assertKnownFields(fields, CONVERSATION_FIELDS, 'Conversation');
  const userId = param(req, 'user_id');
  let list = platform.toLowerCase() === 'messenger' ? [] : page.conversations;
  if (userId) list = list.filter((c) => c.customer.id === userId);
  const sorted = list.map((c) => ({ c, k: conversationKey(c) })).sort((a, b) => b.k.t - a.k.t || b.k.s - a.k.s);
  const limit = parseLimit(param(req, 'limit'));
  const rc = renderCtx(call);
  const keep: Record<string, string> = { platform };
  if (raw) keep.fields = raw;
  if (userId) keep.user_id = userId;
  const res = paginate(
    sorted,
    (x) => x.k,
    limit,
    param(req, 'after'),
    param(req, 'before'),
    (k, cur) => pageUrl(rc, `/${page.id}/conversations`, { ...keep, limit: String(limit), [k]: cur }),
  );
  const out: JsonObject = { data: res.items.map((x) => renderConversation(page, x.c, fields, rc)) };
  if (res.paging) out.paging = res.paging;
  return out;
}

function profile(call: Call, igsid: string): JsonObject {
  const page = requirePageToken(call);
  const conv = page.conversations.find((c) => c.customer.id === igsid);
  if (!conv) throw Errors.unsupported('get', igsid);
  requireMessaging(call, page);
  countRead(call, page);
  const p = conv.customer;
  if (p.noConsent) throw new GraphError({ message: 'User consent is required to access user profile', code: 230 });
  if (p.noMatch) throw new GraphError({ message: 'No matching Instagram user', code: 9010 });
  const fields = fieldsOrDefault(param(call.req, 'fields'), ['name', 'id']);
  assertKnownFields(fields, PROFILE_FIELDS, 'User');
  const full: JsonObject = {
    id: p.id,
    profile_pic: `${call.env.baseUrl}/cdn/avatar/${p.id}.png`,
    follower_count: p.followerCount,
    is_verified_user: p.isVerified,
    is_user_follow_business: p.followsBusiness,
    is_business_follow_user: p.businessFollows,
  };
  // `name` may be null on Meta; we omit it when the person has none (Graph omits empty fields).
  if (p.name !== null) full.name = p.name;
  if (p.username) full.username = p.username;
  return project(full, fields);
}
