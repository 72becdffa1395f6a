/**
 * The Graph calls DM Desk makes ("Instagram API with Facebook Login"), each returning our types.
 */
import type { GraphClient } from './client';
import type { GraphError } from './errors';
import { buildFields, edge } from './fields';
import { isObject } from './read';
import {
  parseAttachmentId,
  parseBatch,
  parseConversation,
  parseConversationMessages,
  parseMessage,
  parsePage,
  parsePaged,
  parsePermission,
  parseProfile,
  parseSendResult,
  parseSuccess,
} from './parse';
import type { ConnectedPage, GraphConversation, GraphMessage, GraphProfile, Paged, PermissionGrant, SendResult } from './types';

/** A send that has not answered by then is abandoned (and later reconciled against the thread). */
export const SEND_TIMEOUT_MS = 15_000;

/** Meta serves details for the newest 20 messages of a thread only. */
export const MESSAGE_DETAIL_LIMIT = 20;

export const MESSAGE_FIELDS = [
  'id',
  'created_time',
  'from',
  'to',
  'message',
  'attachments',
  edge('shares', ['link', 'name', 'description', 'id']),
  'story',
  'reactions',
  'is_unsupported',
  'reply_to',
] as const;

export function conversationFields(messageLimit: number): string {
  return buildFields(['id', 'updated_time', 'participants', edge('messages', MESSAGE_FIELDS, messageLimit)]);
}

const PAGE_FIELDS = buildFields([
  'id',
  'name',
  'access_token',
  edge('instagram_business_account', ['id', 'username', 'name', 'profile_picture_url']),
]);

export async function listPages(client: GraphClient, userToken: string): Promise<ConnectedPage[]> {
  const pages: ConnectedPage[] = [];
  let after: string | null = null;
  do {
    const body = await client.request({
      path: '/me/accounts',
      token: userToken,
      params: { fields: PAGE_FIELDS, limit: 100, after: after ?? undefined },
    });
    const page: Paged<ConnectedPage> = parsePaged(body, parsePage, 'pages');
    pages.push(...page.items);
    after = page.after;
  } while (after !== null);
  return pages;
}

export async function listPermissions(client: GraphClient, userToken: string): Promise<PermissionGrant[]> {
  const body = await client.request({ path: '/me/permissions', token: userToken, params: { limit: 100 } });
  return parsePaged(body, parsePermission, 'permissions').items;
}

export async function revokePermissions(client: GraphClient, userToken: string): Promise<boolean> {
  const body = await client.request({ method: 'DELETE', path: '/me/permissions', token: userToken });
  return parseSuccess(body);
}

export interface ConversationPageRequest {
  pageId: string;
  pageToken: string;
  budgetKey: string;
  limit: number;
  messageLimit: number;
  after?: string | null;
}

export async function listConversations(client: GraphClient, req: ConversationPageRequest): Promise<Paged<GraphConversation>> {
  const body = await client.request({
    path: `/${encodeURIComponent(req.pageId)}/conversations`,
    token: req.pageToken,
    budgetKey: req.budgetKey,
    params: {
      platform: 'instagram',
      fields: conversationFields(req.messageLimit),
      limit: req.limit,
      after: req.after ?? undefined,
    },
  });
  return parsePaged(body, parseConversation, 'conversations');
}

export interface PageAuth {
  pageId: string;
  pageToken: string;
  /**
   * The account whose rate budget the call spends (its id). Sends, uploads and reactions pass it
   * like reads do; a blocked account makes the call throw a 'rate-limit' GraphError with
   * `retryAfterMs`, so the caller keeps the item queued and asks again later.
   */
  budgetKey?: string;
}

export interface SendRequest extends PageAuth {
  recipientId: string;
  /** Past 24 h (within 7 days) with Human Agent approval: tag the message HUMAN_AGENT. */
  humanAgent?: boolean;
}

function sendBody(req: SendRequest, message: unknown): Record<string, unknown> {
  return {
    recipient: { id: req.recipientId },
    message,
    // Syntax as Messenger uses it and as public IG integrations send it; not read in an IG doc (instagram-api.md §3.2).
    ...(req.humanAgent ? { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } : {}),
  };
}

export async function sendText(client: GraphClient, req: SendRequest & { text: string }): Promise<SendResult> {
  const body = await client.request({
    method: 'POST',
    path: `/${encodeURIComponent(req.pageId)}/messages`,
    token: req.pageToken,
    budgetKey: req.budgetKey,
    json: sendBody(req, { text: req.text }),
    timeoutMs: SEND_TIMEOUT_MS,
  });
  return parseSendResult(body);
}

/** Sends up to 10 uploaded images as one message. */
export async function sendImages(client: GraphClient, req: SendRequest & { attachmentIds: string[] }): Promise<SendResult> {
  const attachments = req.attachmentIds.map((id) => ({ type: 'image', payload: { attachment_id: id } }));
  const body = await client.request({
    method: 'POST',
    path: `/${encodeURIComponent(req.pageId)}/messages`,
    token: req.pageToken,
    budgetKey: req.budgetKey,
    json: sendBody(req, attachments.length === 1 ? { attachment: attachments[0] } : { attachments }),
    timeoutMs: SEND_TIMEOUT_MS,
  });
  return parseSendResult(body);
}

/** Attachment Upload API: multipart `filedata`, returns an id to send by. */
export async function uploadImage(client: GraphClient, req: PageAuth & { blob: Blob; fileName: string }): Promise<string> {
  const form = new FormData();
  form.set('platform', 'instagram');
  form.set('message', JSON.stringify({ attachment: { type: 'image', payload: { is_reusable: true } } }));
  // Meta rejects non-ASCII file names here (instagram-api.md §3.3).
  form.set('filedata', req.blob, asciiFileName(req.fileName, req.blob.type));
  const body = await client.request({
    method: 'POST',
    path: `/${encodeURIComponent(req.pageId)}/message_attachments`,
    token: req.pageToken,
    budgetKey: req.budgetKey,
    form,
  });
  return parseAttachmentId(body);
}

function asciiFileName(name: string, type: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  const ext = type === 'image/png' ? '.png' : type === 'image/gif' ? '.gif' : '.jpg';
  return /\.[A-Za-z0-9]+$/.test(ascii) && ascii.length > 4 ? ascii : `image${ext}`;
}

/**
 * React or remove a reaction. The Facebook-Login flavour documents only `love`; any other emoji is
 * sent as the emoji itself, as the Instagram-Login flavour documents (instagram-api.md §3.4).
 */
export async function sendReaction(client: GraphClient, req: SendRequest & { messageId: string; emoji: string | null }): Promise<void> {
  const payload =
    req.emoji === null
      ? { sender_action: 'unreact', payload: { message_id: req.messageId } }
      : { sender_action: 'react', payload: { message_id: req.messageId, reaction: req.emoji === '❤️' ? 'love' : req.emoji } };
  await client.request({
    method: 'POST',
    path: `/${encodeURIComponent(req.pageId)}/messages`,
    token: req.pageToken,
    budgetKey: req.budgetKey,
    json: { recipient: { id: req.recipientId }, ...payload },
  });
}

export const PROFILE_FIELDS = 'name,username,profile_pic,follower_count,is_verified_user,is_user_follow_business,is_business_follow_user';

export async function getProfile(client: GraphClient, req: PageAuth & { budgetKey: string; igsid: string }): Promise<GraphProfile> {
  const body = await client.request({
    path: `/${encodeURIComponent(req.igsid)}`,
    token: req.pageToken,
    budgetKey: req.budgetKey,
    params: { fields: PROFILE_FIELDS },
  });
  return parseProfile(body, req.igsid);
}

/** The newest messages of one conversation (used to reconcile an interrupted send). */
export async function getConversationMessages(
  client: GraphClient,
  req: PageAuth & { budgetKey: string; conversationId: string; limit: number },
): Promise<GraphMessage[]> {
  const body = await client.request({
    path: `/${encodeURIComponent(req.conversationId)}`,
    token: req.pageToken,
    budgetKey: req.budgetKey,
    params: { fields: buildFields(['id', edge('messages', MESSAGE_FIELDS, req.limit)]) },
  });
  return parseConversationMessages(body);
}

/**
 * One page of a thread's messages edge, newest first. Reads a thread whole in small pages when a
 * conversation list could only carry a few of its messages (Meta asked for less data).
 */
export async function listThreadMessages(
  client: GraphClient,
  req: PageAuth & { budgetKey: string; conversationId: string; limit: number; after?: string | null },
): Promise<Paged<GraphMessage>> {
  const body = await client.request({
    path: `/${encodeURIComponent(req.conversationId)}/messages`,
    token: req.pageToken,
    budgetKey: req.budgetKey,
    params: { fields: buildFields(MESSAGE_FIELDS), limit: req.limit, after: req.after ?? undefined },
  });
  return parsePaged(body, parseMessage, 'messages');
}

/** One message alone. One the customer unsent answers 9000001 (a GraphError of kind 'deleted'). */
export async function getMessage(
  client: GraphClient,
  req: PageAuth & { budgetKey: string; messageId: string },
): Promise<GraphMessage | null> {
  const body = await client.request({
    path: `/${encodeURIComponent(req.messageId)}`,
    token: req.pageToken,
    budgetKey: req.budgetKey,
    params: { fields: 'id,created_time,message' },
  });
  return isObject(body) ? parseMessage(body) : null;
}

export interface BatchPart {
  code: number;
  body: unknown;
  /** The part's own error (Graph error body or non-2xx status), already fed into the rate budget. */
  error: GraphError | null;
}

/**
 * Graph batch request: up to 50 GETs in one round trip. Each part carries its own token (in the
 * request body, never in a URL we log). Every part still counts as a call toward rate limits: each
 * answer's own usage headers and rate-limit errors feed the budget of the part's `budgetKey`.
 */
export async function batchGet(
  client: GraphClient,
  outerToken: string,
  parts: Array<{ path: string; token: string; params: Record<string, string>; budgetKey?: string }>,
): Promise<BatchPart[]> {
  if (parts.length === 0) return [];
  if (parts.length > 50) throw new Error('A Graph batch holds at most 50 requests');
  const batch = parts.map((p) => {
    const query = new URLSearchParams({ ...p.params, access_token: p.token });
    return { method: 'GET', relative_url: `${p.path.replace(/^\//, '')}?${query.toString()}` };
  });
  const body = await client.request({ method: 'POST', path: '/', token: outerToken, json: { batch, include_headers: true } });
  return parseBatch(body, parts.length).map((answer, i) => ({
    code: answer.code,
    body: answer.body,
    error: client.observe(parts[i]?.budgetKey ?? null, answer.code, answer.headers, answer.body),
  }));
}

/** Parameters of a conversation-list page, for use inside a batch. */
export function conversationPageParams(limit: number, messageLimit: number): Record<string, string> {
  return { platform: 'instagram', fields: conversationFields(messageLimit), limit: String(limit) };
}
