import { linkify } from '@/lib/format/links';

/**
 * Message text as text: never HTML; http(s) links become safe anchors. Its direction is the text's
 * own (dir="auto"): an Arabic or Hebrew message reads right-to-left in its bubble.
 */
export function MessageText({ text }: { text: string }) {
  return (
    <span class="message-text" dir="auto">
      {linkify(text).map((s, i) =>
        s.type === 'link' ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer">
            {s.text}
          </a>
        ) : (
          s.text
        ),
      )}
    </span>
  );
}
