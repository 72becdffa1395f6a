/**
 * Parsers from Graph JSON to our types. Items that cannot be read are dropped (and counted) rather
 * than crashing the sync; a response whose envelope is wrong raises a 'malformed' GraphError.
 */
import { logDiagnostic } from '../diagnostics';
import { t } from '../i18n';
import { GraphError } from './errors';
import { isShareAttachment, parseShare, parseShareAttachment } from './parse-share';
import { arr, bool, edgeData, graphTime, httpUrl, isObject, num, obj, str, type Json } from './read';
import type {
  ConnectedPage,
  GraphConversation,
  GraphMessage,
  GraphProfile,
  MessageAttachment,
  Paged,
  PermissionGrant,
  Person,
  Reaction,
  SendResult,
  StoryRef,
} from './types';

/** What Meta answered with when its answer could not be read; each has its own sentence. */
export type Unreadable =
  'pages' | 'permissions' | 'conversations' | 'messages' | 'conversation' | 'batch' | 'send-answer' | 'upload-answer' | 'profile';

function unreadableMessage(what: Unreadable): string {
  switch (what) {
    case 'pages':
      return t('errors.unreadablePages');
    case 'permissions':
      return t('errors.unreadablePermissions');
    case 'conversations':
      return t('errors.unreadableConversations');
    case 'messages':
      return t('errors.unreadableMessages');
    case 'conversation':
      return t('errors.unreadableConversation');
    case 'batch':
      return t('errors.unreadableBatch');
    case 'send-answer':
      return t('errors.unreadableSendAnswer');
    case 'upload-answer':
      return t('errors.unreadableUploadAnswer');
    case 'profile':
      return t('errors.unreadableProfile');
  }
}

function malformed(what: Unreadable): GraphError {
  return new GraphError({ kind: 'malformed', message: unreadableMessage(what) });
}

export function parsePaged<T>(body: unknown, item: (raw: Json) => T | null, what: Unreadable): Paged<T> {
  if (!isObject(body) || !Array.isArray(body['data'])) throw malformed(what);
  const items: T[] = [];
  for (const raw of body['data']) {
    const parsed = item(raw);
    if (parsed !== null) items.push(parsed);
  }
  const paging = obj(body, 'paging');
  const hasNext = str(paging, 'next') !== null;
  const after = hasNext ? str(obj(paging, 'cursors'), 'after') : null;
  return { items, after };
}

export function parsePage(raw: Json): ConnectedPage | null {
  const pageId = str(raw, 'id');
  const pageToken = str(raw, 'access_token');
  if (!pageId || !pageToken) return null;
  const ig = obj(raw, 'instagram_business_account');
  const igId = str(ig, 'id');
  return {
    pageId,
    pageName: str(raw, 'name') ?? '',
    pageToken,
    instagram:
      ig && igId
        ? {
            id: igId,
            username: str(ig, 'username') ?? igId,
            name: str(ig, 'name'),
            pictureUrl: httpUrl(ig, 'profile_picture_url'),
          }
        : null,
  };
}

export function parsePermission(raw: Json): PermissionGrant | null {
  const permission = str(raw, 'permission');
  if (!permission) return null;
  return { permission, granted: str(raw, 'status') === 'granted' };
}

export function parsePerson(raw: unknown): Person | null {
  const id = str(raw, 'id');
  if (!id) return null;
  const username = str(raw, 'username');
  return { id, username: username && username.trim() !== '' ? username : null };
}

function parseStory(raw: unknown): StoryRef | null {
  if (!isObject(raw)) return null;
  return { id: str(raw, 'id'), url: httpUrl(raw, 'link') ?? httpUrl(raw, 'url') };
}

function parseAttachment(raw: Json): MessageAttachment | null {
  // A shared post or reel, whatever media data it also carries (see parse-share.ts).
  if (isShareAttachment(raw)) return parseShareAttachment(raw);
  const image = obj(raw, 'image_data');
  if (image) {
    const url = httpUrl(image, 'url');
    const gif = httpUrl(image, 'animated_gif_url');
    if (bool(image, 'render_as_sticker') && (gif ?? url)) return { type: 'sticker', url: (gif ?? url) as string };
    if (gif) return { type: 'gif', url: gif, previewUrl: httpUrl(image, 'animated_gif_preview_url') ?? httpUrl(image, 'preview_url') };
    if (url)
      return { type: 'image', url, previewUrl: httpUrl(image, 'preview_url'), width: num(image, 'width'), height: num(image, 'height') };
    return null;
  }
  const video = obj(raw, 'video_data');
  if (video) {
    const url = httpUrl(video, 'url');
    return url ? { type: 'video', url, previewUrl: httpUrl(video, 'preview_url') } : null;
  }
  const fileUrl = httpUrl(raw, 'file_url');
  if (fileUrl) {
    const mime = str(raw, 'mime_type') ?? '';
    if (mime.startsWith('audio/')) return { type: 'audio', url: fileUrl };
    if (mime.startsWith('video/')) return { type: 'video', url: fileUrl, previewUrl: null };
    if (mime.startsWith('image/')) return { type: 'image', url: fileUrl, previewUrl: null, width: null, height: null };
    return { type: 'file', url: fileUrl, name: str(raw, 'name') };
  }
  return null;
}

function parseReaction(raw: Json): Reaction | null {
  const emoji = str(raw, 'reaction');
  if (!emoji) return null;
  const users = arr(raw, 'users')
    .map(parsePerson)
    .filter((p): p is Person => p !== null);
  return { emoji, users };
}

export function parseMessage(raw: Json): GraphMessage | null {
  const id = str(raw, 'id');
  const createdTime = graphTime(raw, 'created_time');
  if (!id || createdTime === null) return null;
  const story = obj(raw, 'story');
  const hasDetails = isObject(raw) && Object.keys(raw).some((k) => k !== 'id' && k !== 'created_time');
  const text = str(raw, 'message') ?? '';
  return {
    id,
    createdTime,
    from: parsePerson(obj(raw, 'from')),
    to: edgeData(raw, 'to')
      .map(parsePerson)
      .filter((p): p is Person => p !== null),
    text,
    attachments: [...edgeData(raw, 'attachments').map(parseAttachment), ...edgeData(raw, 'shares').map(parseShare)].filter(
      (a): a is MessageAttachment => a !== null,
    ),
    storyMention: parseStory(obj(story, 'mention')),
    // Unverified: the key of a story reply inside `story` (instagram-api.md §8 item 15).
    storyReply: parseStory(obj(story, 'reply_to') ?? obj(story, 'reply')),
    replyToId: str(obj(raw, 'reply_to'), 'mid'),
    reactions: edgeData(raw, 'reactions')
      .map(parseReaction)
      .filter((r): r is Reaction => r !== null),
    isDeleted: bool(raw, 'is_deleted'),
    isUnsupported: bool(raw, 'is_unsupported'),
    hasDetails,
  };
}

export function parseConversation(raw: Json): GraphConversation | null {
  const id = str(raw, 'id');
  const updatedTime = graphTime(raw, 'updated_time');
  if (!id || updatedTime === null) return null;
  return {
    id,
    updatedTime,
    participants: edgeData(raw, 'participants')
      .map(parsePerson)
      .filter((p): p is Person => p !== null),
    messages: edgeData(raw, 'messages')
      .map(parseMessage)
      .filter((m): m is GraphMessage => m !== null),
    messagesComplete: obj(raw, 'messages') !== null && str(obj(obj(raw, 'messages'), 'paging'), 'next') === null,
  };
}

export function parseConversationMessages(body: unknown): GraphMessage[] {
  if (!isObject(body)) throw malformed('conversation');
  return edgeData(body, 'messages')
    .map(parseMessage)
    .filter((m): m is GraphMessage => m !== null);
}

/**
 * A batch answer: one `{code, headers, body}` per request, body being a JSON string (or null) and
 * headers a list of `{name, value}`. A part that is not an object (Meta answers `null` for a part
 * it did not run) reads as code 0.
 */
export function parseBatch(body: unknown, expected: number): Array<{ code: number; headers: Headers; body: unknown }> {
  if (!Array.isArray(body) || body.length !== expected) throw malformed('batch');
  return body.map((part: unknown) => {
    const code = num(part, 'code') ?? 0;
    const headers = new Headers();
    for (const h of arr(part, 'headers')) {
      const name = str(h, 'name');
      const value = str(h, 'value');
      if (name === null || value === null) continue;
      try {
        headers.append(name, value);
      } catch (e) {
        logDiagnostic('graph', 'A batch answer carried a header that is not valid', e);
      }
    }
    const raw = str(part, 'body');
    let parsed: unknown = null;
    if (raw !== null) {
      try {
        parsed = JSON.parse(raw) as unknown;
      } catch (e) {
        logDiagnostic('graph', 'A batch part answered with a body that is not JSON', e);
        parsed = null;
      }
    }
    return { code, headers, body: parsed };
  });
}

export function parseSendResult(body: unknown): SendResult {
  const messageId = str(body, 'message_id');
  const recipientId = str(body, 'recipient_id');
  if (!messageId || !recipientId) throw malformed('send-answer');
  return { messageId, recipientId };
}

export function parseAttachmentId(body: unknown): string {
  const id = str(body, 'attachment_id');
  if (!id) throw malformed('upload-answer');
  return id;
}

function optionalBool(value: unknown, key: string): boolean | null {
  if (!isObject(value) || typeof value[key] !== 'boolean') return null;
  return value[key] as boolean;
}

export function parseProfile(body: unknown, igsid: string): GraphProfile {
  if (!isObject(body)) throw malformed('profile');
  const name = str(body, 'name');
  const username = str(body, 'username');
  return {
    id: str(body, 'id') ?? igsid,
    name: name && name.trim() !== '' ? name : null,
    username: username && username.trim() !== '' ? username : null,
    pictureUrl: httpUrl(body, 'profile_pic'),
    followerCount: num(body, 'follower_count'),
    isVerified: bool(body, 'is_verified_user'),
    followsBusiness: optionalBool(body, 'is_user_follow_business'),
    businessFollows: optionalBool(body, 'is_business_follow_user'),
  };
}

export function parseSuccess(body: unknown): boolean {
  return bool(body, 'success');
}

/** Reads `{error:{code,error_subcode,message}}`; null when the body is not a Graph error. */
export function parseErrorBody(body: unknown): { code: number | null; subcode: number | null; message: string | null } | null {
  const error = obj(body, 'error');
  if (!error) return null;
  return { code: num(error, 'code'), subcode: num(error, 'error_subcode'), message: str(error, 'message') };
}
