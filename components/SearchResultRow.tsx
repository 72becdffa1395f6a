import type { Label } from '@/lib/db/schema';
import { deskStatus, isPinned } from '@/lib/desk/status';
import { contactName } from '@/lib/format/contact-name';
import { UsernameBeside } from './UsernameBeside';
import { kindLabel, previewOf } from '@/lib/format/text';
import { fullDateTime, relativeTime } from '@/lib/format/time';
import type { SearchResult } from '@/lib/models/search';
import { Avatar } from './Avatar';
import { HighlightedText } from './HighlightedText';

interface Props {
  result: SearchResult;
  /** The words searched for (filters taken out), to mark in the text. */
  words: string;
  accountName: string | undefined;
  labels: ReadonlyMap<string, Label>;
  now: number;
  timeZone: string | undefined;
  onOpen: (r: SearchResult) => void;
}

/** One search hit: a message, a note (marked "Note"), or a conversation a filter matched. */
export function SearchResultRow({ result: r, words, accountName, labels, now, timeZone, onOpen }: Props) {
  const { primary: name, secondary } = contactName(r.conversation.participant);
  const time = r.kind === 'message' ? r.message.createdTime : r.kind === 'note' ? r.note.updatedAt : r.conversation.updatedTime;
  return (
    <button type="button" class={`conversation-row search-result${r.kind === 'note' ? ' note-result' : ''}`} onClick={() => onOpen(r)}>
      <Avatar name={name} seed={r.conversation.participant.id} />
      <span class="row-main">
        <span class="row-top">
          <span class="row-name">
            <HighlightedText text={name} query={words} />
            <UsernameBeside username={secondary}>{secondary ? <HighlightedText text={secondary} query={words} /> : null}</UsernameBeside>
            {accountName !== undefined ? <span class="muted"> · @{accountName}</span> : null}
          </span>
          <time class="row-time" title={fullDateTime(time, timeZone)}>
            {relativeTime(time, now, timeZone)}
          </time>
        </span>
        {r.kind === 'message' ? (
          <span class="result-text">
            {r.message.isOwn ? 'You: ' : ''}
            <HighlightedText text={r.message.text || kindLabel(r.message.kind, r.message.isOwn)} query={words} />
          </span>
        ) : r.kind === 'note' ? (
          <span class="result-text">
            <span class="result-tag note-tag">Note</span> <HighlightedText text={r.note.text} query={words} />
          </span>
        ) : (
          <span class="result-text">
            <DeskTags result={r} labels={labels} now={now} />
            {previewOf(r.conversation.lastMessage)}
          </span>
        )}
      </span>
    </button>
  );
}

/** Done / Snoozed / Pinned and the labels of a conversation a filter listed. */
function DeskTags({
  result,
  labels,
  now,
}: {
  result: Extract<SearchResult, { kind: 'conversation' }>;
  labels: ReadonlyMap<string, Label>;
  now: number;
}) {
  const status = deskStatus(result.conversation, result.desk, now);
  const tags: Array<{ text: string; color?: string }> = [];
  if (status === 'done') tags.push({ text: 'Done' });
  if (status === 'snoozed') tags.push({ text: 'Snoozed' });
  if (isPinned(result.desk)) tags.push({ text: 'Pinned' });
  for (const id of result.desk?.labelIds ?? []) {
    const label = labels.get(id);
    if (label) tags.push({ text: label.name, color: label.color });
  }
  return (
    <>
      {tags.map((t) => (
        <span key={t.text} class={t.color ? `result-tag label-${t.color}` : 'result-tag'}>
          {t.text}
        </span>
      ))}
      {tags.length > 0 ? ' ' : null}
    </>
  );
}
