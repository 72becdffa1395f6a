/** Splits message text into plain text and http(s) links, so links can be rendered as anchors. */
import { safeHttpUrl } from '../graph/read';

export type TextSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING_PUNCTUATION = /[),.;:!?\]]+$/;

export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let raw = match[0];
    const trailing = raw.match(TRAILING_PUNCTUATION)?.[0] ?? '';
    raw = raw.slice(0, raw.length - trailing.length);
    // The same rule as for links Meta sends: only http(s).
    const href = safeHttpUrl(raw);
    if (!href) continue;
    if (start > last) segments.push({ type: 'text', text: text.slice(last, start) });
    segments.push({ type: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) segments.push({ type: 'text', text: text.slice(last) });
  return segments;
}
