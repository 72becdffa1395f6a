import type { LastMessage, MessageKind, Participant } from '../db/schema';
import { t } from '../i18n';

/** Meta's limit for one text message: 1000 bytes of UTF-8 (an emoji costs up to 4). */
export const MAX_TEXT_BYTES = 1000;

export const PREVIEW_LENGTH = 60;

/**
 * The English placeholder for a contact without a name or username: a name that reads so (or reads
 * as `unknownParticipantName()`) is no name at all. What a person sees is `unknownParticipantName()`.
 */
export const UNKNOWN_PARTICIPANT = 'Instagram User'; // i18n-exempt: compared with names, never shown

/** What a person reads for a contact Instagram gives no name or username for ("Instagram User"). */
export function unknownParticipantName(): string {
  return t('message.unknownContact');
}

const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** The name a person sees for a contact: the username, or "Instagram User" when Meta gives none. */
export function participantName(p: Pick<Participant, 'username'> | null | undefined): string {
  const username: unknown = p?.username;
  const name = typeof username === 'string' ? username.trim() : '';
  return name ? name : unknownParticipantName();
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

const KIND_LABEL: Record<MessageKind, { own: () => string; theirs: () => string }> = {
  text: { own: () => '', theirs: () => '' },
  image: { own: () => t('message.kindImage'), theirs: () => t('message.kindImage') },
  gif: { own: () => t('message.kindGif'), theirs: () => t('message.kindGif') },
  sticker: { own: () => t('message.kindSticker'), theirs: () => t('message.kindSticker') },
  video: { own: () => t('message.kindVideo'), theirs: () => t('message.kindVideo') },
  audio: { own: () => t('message.kindAudio'), theirs: () => t('message.kindAudio') },
  file: { own: () => t('message.kindFile'), theirs: () => t('message.kindFile') },
  share: { own: () => t('message.kindShare'), theirs: () => t('message.kindShare') },
  reel: { own: () => t('message.kindReel'), theirs: () => t('message.kindReel') },
  'story-mention': { own: () => t('message.kindStoryMentionOwn'), theirs: () => t('message.kindStoryMentionTheirs') },
  'story-reply': { own: () => t('message.kindStoryReplyOwn'), theirs: () => t('message.kindStoryReplyTheirs') },
  deleted: { own: () => t('message.deleted'), theirs: () => t('message.deleted') },
  unsupported: { own: () => t('message.kindUnsupported'), theirs: () => t('message.kindUnsupported') },
};

/** What a non-text message is, in words. */
export function kindLabel(kind: MessageKind, isOwn: boolean): string {
  // A kind this version does not know (bad or newer stored data) reads as "only in Instagram".
  const label = Object.prototype.hasOwnProperty.call(KIND_LABEL, kind) ? KIND_LABEL[kind] : KIND_LABEL.unsupported;
  return isOwn ? label.own() : label.theirs();
}

/** The list preview: one line, 60 characters, "You: " for the account's own messages. */
export function previewOf(last: LastMessage | null): string {
  if (!last || typeof last !== 'object') return '';
  const oneLine = typeof last.text === 'string' ? last.text.replace(/\s+/g, ' ').trim() : '';
  const body = last.kind === 'deleted' || oneLine === '' ? kindLabel(last.kind, last.isOwn) : oneLine;
  const preview = truncate(body, PREVIEW_LENGTH);
  return last.isOwn ? t('message.previewOwn', { text: preview }) : preview;
}
