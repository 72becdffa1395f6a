/**
 * The Graph calls DM Desk makes ("Instagram API with Facebook Login"), each returning our types.
 */
import type { GraphClient } from './client';
import { buildFields, edge } from './fields';
import { parseConversation, parsePage, parsePaged, parsePermission, parseSendResult, parseSuccess } from './parse';
import type { ConnectedPage, GraphConversation, Paged, PermissionGrant, SendResult } from './types';

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
    const page: Paged<ConnectedPage> = parsePaged(body, parsePage, 'list of Pages');
    pages.push(...page.items);
    after = page.after;
  } while (after !== null);
  return pages;
}

export async function listPermissions(client: GraphClient, userToken: string): Promise<PermissionGrant[]> {
  const body = await client.request({ path: '/me/permissions', token: userToken, params: { limit: 100 } });
  return parsePaged(body, parsePermission, 'list of permissions').items;
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
  return parsePaged(body, parseConversation, 'list of conversations');
}

export interface SendTextRequest {
  pageId: string;
  pageToken: string;
  recipientId: string;
  text: string;
}

export async function sendText(client: GraphClient, req: SendTextRequest): Promise<SendResult> {
  const body = await client.request({
    method: 'POST',
    path: `/${encodeURIComponent(req.pageId)}/messages`,
    token: req.pageToken,
    json: { recipient: { id: req.recipientId }, message: { text: req.text } },
  });
  return parseSendResult(body);
}
