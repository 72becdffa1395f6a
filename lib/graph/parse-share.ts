/**
 * Shared posts and reels, in every shape Meta sends them (instagram-api.md: message fields,
 * webhooks): a `shares` item `{link, name, description}`, or an attachment of type `share`,
 * `ig_reel`, `reel` (or `ig_post`) with `payload.url` (and `payload.title`). The URL is either an
 * instagram.com permalink or the media itself on a CDN. A share is a reel when Meta's data says
 * so: the attachment type, a /reel/ permalink, a video content type or video data.
 */
import { linkSaysReel } from '../format/shares';
import { httpUrl, obj, str, type Json } from './read';
import type { MessageAttachment } from './types';

type Share = Extract<MessageAttachment, { type: 'share' }>;

const SHARE_TYPES = new Set(['share', 'ig_reel', 'reel', 'ig_post']);
const REEL_TYPES = new Set(['ig_reel', 'reel']);

function videoContent(raw: Json): boolean {
  return (str(raw, 'mime_type') ?? '').toLowerCase().startsWith('video/') || obj(raw, 'video_data') !== null;
}

/** One item of a message's `shares` edge; null when it carries neither a link nor a name. */
export function parseShare(raw: Json): Share | null {
  const link = httpUrl(raw, 'link');
  const name = str(raw, 'name');
  if (!link && !name) return null;
  return {
    type: 'share',
    url: link,
    name,
    description: str(raw, 'description'),
    isReel: linkSaysReel(link) || videoContent(raw),
  };
}

/** Whether an attachment is a share (`share`, `ig_reel`, `reel`, `ig_post`), whatever else it carries. */
export function isShareAttachment(raw: Json): boolean {
  const type = (str(raw, 'type') ?? '').toLowerCase();
  return SHARE_TYPES.has(type);
}

/** A share sent as an attachment: `{type, payload:{url, title}}`; null when it has no usable URL or title. */
export function parseShareAttachment(raw: Json): Share | null {
  const type = (str(raw, 'type') ?? '').toLowerCase();
  const payload = obj(raw, 'payload');
  const url = httpUrl(payload, 'url') ?? httpUrl(obj(raw, 'video_data'), 'url') ?? httpUrl(obj(raw, 'image_data'), 'url');
  const name = str(payload, 'title') ?? str(raw, 'name');
  if (!url && !name) return null;
  return {
    type: 'share',
    url,
    name,
    description: null,
    isReel: REEL_TYPES.has(type) || linkSaysReel(url) || videoContent(raw),
  };
}
