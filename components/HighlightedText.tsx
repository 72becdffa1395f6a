import { highlightRanges } from '@/lib/search';

/** Text with the search terms marked; only a window around the first match when it is long. */
export function HighlightedText({ text, query, around = 48 }: { text: string; query: string; around?: number }) {
  const ranges = highlightRanges(text, query);
  const first = ranges[0];
  let start = 0;
  let end = text.length;
  if (first && text.length > around * 2) {
    start = Math.max(0, first[0] - around);
    end = Math.min(text.length, first[1] + around);
  }
  const parts: preact.ComponentChildren[] = [];
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={a}>{text.slice(a, b)}</mark>);
    at = b;
  }
  if (at < end) parts.push(text.slice(at, end));
  return (
    <span>
      {start > 0 ? '…' : ''}
      {parts}
      {end < text.length ? '…' : ''}
    </span>
  );
}
