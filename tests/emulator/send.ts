// Send API (`POST /{page-id|me}/messages`) and Attachment Upload API (`/message_attachments`).
import { countSend, requireMessaging } from './auth';
import { jsonParam, param, type Call } from './context';
import { addMessage, lastInbound, messageId, type Conversation, type Page } from './model';
import { Errors, GraphError, isObject, type Json, type JsonObject } from './util';

const DAY = 24 * 60 * 60 * 1000;
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

/**
 * Reactions on a story mention or a deleted message are refused with 100/2534015 ("invalid message
 * data for this type"). Meta's exact subcode for this case is unverified.
 */
const REACTION_NOT_ALLOWED = 2534015;

function obj(v: Json | undefined): Record<string, Json> | undefined {
  return isObject(v) ? (v as Record<string, Json>) : undefined;
}

export function handleSend(call: Call, page: Page): JsonObject {
  requireMessaging(call, page);
  countSend(call, page);
  const recipient = obj(jsonParam(call.req, 'recipient'));
  const rid =
    recipient && typeof recipient.id === 'string'
      ? recipient.id
      : recipient && typeof recipient.id === 'number'
        ? String(recipient.id)
        : undefined;
  if (!rid) throw Errors.param('param recipient must be non-empty.');
  const conv = page.conversations.find((c) => c.customer.id === rid);
  if (!conv) throw Errors.param('No matching user found', 2534014);

  const action = param(call.req, 'sender_action');
  if (action) return senderAction(call, conv, action, rid);

  const message = obj(jsonParam(call.req, 'message'));
  if (!message) throw Errors.param('param message must be non-empty.');
  const text = typeof message.text === 'string' ? message.text : undefined;
  if (text !== undefined && Buffer.byteLength(text, 'utf8') > 1000) {
    throw Errors.param('Length of param message[text] must be less than or equal to 1000');
  }
  const rawAttachments: Json[] = Array.isArray(message.attachments)
    ? message.attachments
    : message.attachment !== undefined
      ? [message.attachment]
      : [];
  if (rawAttachments.length > 10) throw Errors.param('Param message[attachments] must have at most 10 items');
  if (!text && rawAttachments.length === 0) throw Errors.param('Invalid message data', 2534015);
  if (text && rawAttachments.length) throw Errors.param('Message cannot contain both text and attachment', 2534015);

  checkWindow(call, conv);

  const replyTo = obj(jsonParam(call.req, 'reply_to'));
  let replyMid: string | undefined;
  if (replyTo) {
    replyMid = typeof replyTo.mid === 'string' ? replyTo.mid : undefined;
    if (!replyMid || !conv.messages.some((m) => m.id === replyMid)) throw Errors.param('Invalid reply_to message id', 2534015);
  }

  const ds = call.env.state.ds;
  const n = ds.nextRuntimeId++;
  const ig = page.ig;
  if (!ig) throw Errors.param('The Page is not linked to an Instagram account', 2534013);
  const attachments: JsonObject[] = [];
  const shares: JsonObject[] = [];
  rawAttachments.forEach((a, i) => toStored(call, page, a, `${n}${i}`, attachments, shares));
  const msg = addMessage(ds, conv, {
    id: messageId(ig.id, n),
    createdAt: call.now,
    fromBusiness: true,
    text: text ?? '',
    reactions: [],
    ...(attachments.length ? { attachments } : {}),
    ...(shares.length ? { shares } : {}),
  });
  if (replyMid) {
    const target = conv.messages.find((m) => m.id === replyMid);
    msg.replyTo = { mid: replyMid, isSelfReply: target?.fromBusiness ?? false };
  }
  return { recipient_id: rid, message_id: msg.id };
}

function checkWindow(call: Call, conv: Conversation): void {
  const last = lastInbound(conv);
  const age = last ? call.now - last.createdAt : Infinity;
  if (age <= DAY) return;
  const tagged = param(call.req, 'messaging_type') === 'MESSAGE_TAG' && param(call.req, 'tag') === 'HUMAN_AGENT';
  if (tagged && call.env.state.humanAgent && age <= 7 * DAY) return;
  throw new GraphError({ message: 'This message is sent outside of allowed window.', code: 10, subcode: 2534022 });
}

function senderAction(call: Call, conv: Conversation, action: string, rid: string): JsonObject {
  if (action === 'typing_on' || action === 'typing_off' || action === 'mark_seen') return { recipient_id: rid };
  if (action !== 'react' && action !== 'unreact') throw Errors.param(`Invalid sender_action: ${action}`);
  const payload = obj(jsonParam(call.req, 'payload'));
  const mid = payload && typeof payload.message_id === 'string' ? payload.message_id : undefined;
  const target = mid ? conv.messages.find((m) => m.id === mid) : undefined;
  if (!target) throw Errors.param('Invalid message_id', 2534015);
  if (target.deleted || target.story?.kind === 'mention') {
    throw Errors.param('Reactions are not supported for this message', REACTION_NOT_ALLOWED);
  }
  target.reactions = target.reactions.filter((r) => !r.byBusiness);
  if (action === 'react') {
    const raw = payload && typeof payload.reaction === 'string' ? payload.reaction : 'love';
    // Meta's (a) docs say `love`; the IG-Login docs accept any emoji. We accept both.
    const emoji = raw === 'love' || raw === '' ? '❤️' : raw;
    target.reactions.push({ emoji, byBusiness: true });
  }
  return { recipient_id: rid };
}

function toStored(call: Call, page: Page, raw: Json, id: string, attachments: JsonObject[], shares: JsonObject[]): void {
  const a = obj(raw);
  const type = a && typeof a.type === 'string' ? a.type.toLowerCase() : undefined;
  const payload = obj(a?.payload) ?? {};
  if (!type) throw Errors.param('Invalid attachment', 2534015);
  if (type === 'like_heart') {
    attachments.push({
      id,
      image_data: {
        url: `/cdn/media/${id}.png`,
        preview_url: `/cdn/media/${id}.png`,
        width: 240,
        height: 240,
        max_width: 240,
        max_height: 240,
        render_as_sticker: true,
      },
    });
    return;
  }
  if (type === 'media_share') {
    if (typeof payload.id !== 'string') throw Errors.param('Invalid media share payload', 2534015);
    shares.push({ id: payload.id, link: `/cdn/media/${payload.id}.png` });
    return;
  }
  let url = typeof payload.url === 'string' ? payload.url : undefined;
  let mime: string | undefined;
  if (typeof payload.attachment_id === 'string' || typeof payload.attachment_id === 'number') {
    const up = call.env.state.uploads.get(String(payload.attachment_id));
    if (!up || up.pageId !== page.id) throw Errors.param('Invalid attachment_id', 2534015);
    url = up.url ?? `/cdn/upload/${up.id}`;
    mime = up.mime;
  }
  if (!url) throw Errors.param('Invalid attachment payload: url or attachment_id required', 2534015);
  if (!/^(https?:\/\/|\/cdn\/)/.test(url)) throw Errors.param('Failed to fetch the file from the url', 2018008);
  if (type === 'image') {
    attachments.push({
      id,
      mime_type: mime ?? 'image/jpeg',
      name: `image-${id}`,
      image_data: { url, preview_url: url, width: 1080, height: 1080, max_width: 1080, max_height: 1080 },
    });
  } else if (type === 'video') {
    attachments.push({
      id,
      mime_type: 'video/mp4',
      name: `video-${id}.mp4`,
      video_data: { url, preview_url: url, width: 720, height: 1280 },
    });
  } else if (type === 'audio' || type === 'file') {
    attachments.push({ id, mime_type: type === 'audio' ? 'audio/mpeg' : 'application/pdf', name: `${type}-${id}`, file_url: url });
  } else {
    throw Errors.param(`Unsupported attachment type: ${type}`, 2534015);
  }
}

function sniffImage(b: Buffer): string | undefined {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && b.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  return undefined;
}

export function handleUpload(call: Call, page: Page): JsonObject {
  requireMessaging(call, page);
  countSend(call, page);
  const message = obj(jsonParam(call.req, 'message'));
  const attachment = obj(message?.attachment);
  const type = typeof attachment?.type === 'string' ? attachment.type : undefined;
  if (!type) throw Errors.param('param message[attachment] must be non-empty.');
  const platform = param(call.req, 'platform');
  if (platform && platform.toLowerCase() !== 'instagram' && platform.toLowerCase() !== 'messenger') throw Errors.param('Invalid platform');
  const ds = call.env.state.ds;
  const id = String(1_200_000_000_000_000 + ds.nextRuntimeId++);
  const payload = obj(attachment?.payload) ?? {};
  const file = call.req.files.find((f) => f.name === 'filedata');
  if (type !== 'image') throw Errors.param('Upload attachment failure: only image attachments are accepted', 2018047);
  if (!file) {
    if (typeof payload.url !== 'string') throw Errors.param('Upload attachment failure: filedata or payload.url required', 2018047);
    call.env.state.uploads.set(id, { id, pageId: page.id, mime: 'image/jpeg', bytes: Buffer.alloc(0), url: payload.url });
    return { attachment_id: id };
  }
  if (file.data.length > MAX_UPLOAD_BYTES) throw Errors.param('Attachment size exceeds allowable limit', 2018109);
  const sniffed = sniffImage(file.data);
  if (!sniffed || !/^(image\/|application\/octet-stream)/.test(file.contentType)) {
    throw Errors.param('Upload attachment failure: the media type does not match the file', 2018047);
  }
  call.env.state.uploads.set(id, { id, pageId: page.id, mime: sniffed, bytes: file.data });
  return { attachment_id: id };
}
