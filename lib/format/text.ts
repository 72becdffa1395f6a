import type { LastMessage, MessageKind, Participant } from '../db/schema';

/** Meta's limit for one text message: 1000 bytes of UTF-8 (an emoji costs up to 4). */
export const MAX_TEXT_BYTES = 1000;

export const PREVIEW_LENGTH = 60;

export const UNKNOWN_PARTICIPANT = 'Instagram User';

const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** The name a person sees for a contact: the username, or "Instagram User" when Meta gives none. */
export function participantName(p: Pick<Participant, 'username'> | null | undefined): string {
  const username: unknown = p?.username;
  const name = typeof username === 'string' ? username.trim() : '';
  return name ? name : UNKNOWN_PARTICIPANT;
}

/** The letter in the round avatar. */
export function initialOf(name: string): string {
  const first = typeof name === 'string' ? Array.from(name.trim())[0] : undefined;
  return first ? first.toLocaleUpperCase() : '?';
}

/** Cuts to `max` characters (whole code points, so emoji are never split) with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (typeof text !== 'string') return '';
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max).join('').trimEnd() + '…';
}

const KIND_LABEL: Record<MessageKind, { own: string; theirs: string }> = {
  text: { own: '', theirs: '' },
  image: { own: 'Sent a photo', theirs: 'Sent a photo' },
  gif: { own: 'Sent a GIF', theirs: 'Sent a GIF' },
  sticker: { own: 'Sent a sticker', theirs: 'Sent a sticker' },
  video: { own: 'Sent a video', theirs: 'Sent a video' },
  audio: { own: 'Sent a voice message', theirs: 'Sent a voice message' },
  file: { own: 'Sent a file', theirs: 'Sent a file' },
  share: { own: 'Shared a post', theirs: 'Shared a post' },
  reel: { own: 'Shared a reel', theirs: 'Shared a reel' },
  'story-mention': { own: 'Mentioned them in your story', theirs: 'Mentioned you in their story' },
  'story-reply': { own: 'Replied to their story', theirs: 'Replied to your story' },
  deleted: { own: 'Message was deleted', theirs: 'Message was deleted' },
  unsupported: { own: 'Message only visible in Instagram', theirs: 'Message only visible in Instagram' },
};

/** What a non-text message is, in words. */
export function kindLabel(kind: MessageKind, isOwn: boolean): string {
  // A kind this version does not know (bad or newer stored data) reads as "only in Instagram".
  const label = Object.prototype.hasOwnProperty.call(KIND_LABEL, kind) ? KIND_LABEL[kind] : KIND_LABEL.unsupported;
  return isOwn ? label.own : label.theirs;
}

/** The list preview: one line, 60 characters, "You: " for the account's own messages. */
export function previewOf(last: LastMessage | null): string {
  if (!last || typeof last !== 'object') return '';
  const oneLine = typeof last.text === 'string' ? last.text.replace(/\s+/g, ' ').trim() : '';
  const body = last.kind === 'deleted' || oneLine === '' ? kindLabel(last.kind, last.isOwn) : oneLine;
  return (last.isOwn ? 'You: ' : '') + truncate(body, PREVIEW_LENGTH);
}
