import type { Conversation } from '@/lib/db/schema';
import { deskStatus, isPinned } from '@/lib/desk/status';
import { t } from '@/lib/i18n';
import type { ConversationListModel } from '@/lib/models/conversation-list';
import { rowDesk } from '@/lib/models/desk-views';
import { PinIcon } from './PinIcon';

interface Props {
  list: ConversationListModel;
  conversation: Conversation;
  now: number;
  timeZone: string | undefined;
  onDoneAndNext: () => void;
  /** Marked unread: the thread closes (it would be read again at once). */
  onMarkedUnread: () => void;
}

/** The open conversation's desk actions, under the thread header (each with its key in the tooltip). */
export function DeskActions({ list, conversation, now, timeZone, onDoneAndNext, onMarkedUnread }: Props) {
  const desk = list.desks.value.get(conversation.id);
  const status = deskStatus(conversation, desk, now);
  const pinned = isPinned(desk);
  // Why it is back (or until when it is snoozed), as the row says it; not "Done …" (the Reopen button says that).
  const state = rowDesk(conversation, desk, undefined, now, timeZone);
  const act = list.act.bind(null, conversation.id);
  const onDone = () => void act({ kind: 'done' });
  const onReopen = () => void act({ kind: 'reopen' });
  const onSnooze = () => list.openSnooze(conversation.id);
  const onPin = (next: boolean) => void act({ kind: 'pin', pinned: next });
  const onMarkUnread = () => void act({ kind: 'mark-unread' }).then((ok) => ok && onMarkedUnread());
  return (
    <div class="desk-actions" role="toolbar" aria-label={t('desk.actionsToolbar')}>
      {state.note && state.tone !== 'done' ? <span class={`desk-state ${state.tone ?? ''}`}>{state.note}</span> : null}
      {status === 'done' ? (
        <button type="button" class="button small" title={t('desk.reopenTitle')} aria-keyshortcuts="e" onClick={onReopen}>
          {t('desk.reopen')}
        </button>
      ) : (
        <>
          <button type="button" class="button small primary" title={t('desk.doneTitle')} aria-keyshortcuts="e" onClick={onDone}>
            {t('desk.done')}
          </button>
          <button type="button" class="button small" title={t('desk.doneAndNextTitle')} aria-keyshortcuts="Shift+E" onClick={onDoneAndNext}>
            {t('desk.doneAndNext')}
          </button>
        </>
      )}
      <button
        type="button"
        class="button small"
        title={t('desk.snoozeTitle')}
        aria-keyshortcuts="b"
        aria-haspopup="dialog"
        onClick={onSnooze}
      >
        {status === 'snoozed' ? t('desk.snoozedButton') : t('desk.snooze')}
      </button>
      <button
        type="button"
        class="button small"
        title={pinned ? t('desk.unpinTitle') : t('desk.pinTitle')}
        aria-keyshortcuts="p"
        aria-pressed={pinned}
        onClick={() => onPin(!pinned)}
      >
        <PinIcon /> {pinned ? t('desk.pinned') : t('desk.pin')}
      </button>
      <button type="button" class="button small" title={t('desk.markUnreadTitle')} aria-keyshortcuts="u" onClick={onMarkUnread}>
        {t('desk.markUnread')}
      </button>
    </div>
  );
}
