import type { Label } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import { deskStatus, isPinned } from '@/lib/desk/status';
import { contactName } from '@/lib/format/contact-name';
import { UsernameBeside } from './UsernameBeside';
import { kindLabel, previewOf } from '@/lib/format/text';
import { fullDateTime, relativeTime } from '@/lib/format/time';
import type { SearchResult } from '@/lib/models/search';
import { Avatar } from './Avatar';
import { HighlightedText } from './HighlightedText';
import { Words } from './Words';

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
            <MessageText text={r.message.text || kindLabel(r.message.kind, r.message.isOwn)} own={r.message.isOwn} words={words} />
          </span>
        ) : r.kind === 'note' ? (
          <span class="result-text">
            <span class="result-tag note-tag">{t('search.noteTag')}</span> <HighlightedText text={r.note.text} query={words} />
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

/** A message's text with the words marked; "You: …" before one the account sent. */
function MessageText({ text, own, words }: { text: string; own: boolean; words: string }) {
  const marked = <HighlightedText text={text} query={words} />;
  return own ? <Words message={t('search.ownMessage', { text: '{text}' })} parts={{ text: marked }} /> : marked;
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
  if (status === 'done') tags.push({ text: t('search.tagDone') });
  if (status === 'snoozed') tags.push({ text: t('search.tagSnoozed') });
  if (isPinned(result.desk)) tags.push({ text: t('search.tagPinned') });
  for (const id of result.desk?.labelIds ?? []) {
    const label = labels.get(id);
    if (label) tags.push({ text: label.name, color: label.color });
  }
  return (
    <>
      {tags.map((tag) => (
        <span key={tag.text} class={tag.color ? `result-tag label-${tag.color}` : 'result-tag'}>
          {tag.text}
        </span>
      ))}
      {tags.length > 0 ? ' ' : null}
    </>
  );
}
