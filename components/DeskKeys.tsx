import { useEffect } from 'preact/hooks';
import type { DeskChange } from '@/lib/desk/changes';
import { deskStatus, isPinned } from '@/lib/desk/status';
import { t } from '@/lib/i18n';
import type { ConversationListModel } from '@/lib/models/conversation-list';
import type { InboxModel } from '@/lib/models/inbox';

interface Props {
  model: InboxModel;
  list: ConversationListModel | null;
  now: number;
}

/** The desk's keys, in the keyboard shortcuts sheet (what each does, in the browser's language). */
export function deskShortcuts(): Array<[keys: string, what: string]> {
  return [
    ['e', t('keys.done')],
    ['Shift+E', t('keys.doneAndNext')], // i18n-exempt: a key on the keyboard
    ['b', t('keys.snooze')],
    ['p', t('keys.pin')],
    ['u', t('keys.markUnread')],
  ];
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/**
 * The desk's keys act on the focused row, else on the open conversation. A row that leaves the
 * view hands the focus to the row now in its place, so `e e e` works down the list.
 */
export function DeskKeys({ model, list, now }: Props) {
  useEffect(() => {
    if (!list) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const key = e.key.length === 1 ? e.key : '';
      if (!['e', 'E', 'b', 'p', 'u'].includes(key)) return;
      const focused = document.activeElement?.closest<HTMLElement>('.conversation-list [data-conversation-id]');
      const rowId = focused?.dataset.conversationId ?? null;
      const openId = model.selectedConversationId.value;
      const id = rowId ?? openId;
      if (!id) return;
      e.preventDefault();
      const desk = list.desks.value.get(id);
      const row = list.conversations.value?.find((c) => c.id === id);
      const status = row ? deskStatus(row, desk, now) : 'open';
      const rows = Array.from(document.querySelectorAll<HTMLElement>('.conversation-list [data-conversation-id]'));
      const index = focused ? rows.indexOf(focused) : -1;
      /** Once the row has left the view (done, snoozed, reopened), focus the one now in its place. */
      const refocus = () => {
        if (index < 0) return;
        let frames = 0;
        const step = (): void => {
          const now = Array.from(document.querySelectorAll<HTMLElement>('.conversation-list [data-conversation-id]'));
          const gone = !now.some((r) => r.dataset.conversationId === id);
          if (gone) (now[Math.min(index, now.length - 1)] ?? null)?.focus();
          else if (++frames < 120) requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      };
      const act = (change: DeskChange) => void list.act(id, change).then((ok) => ok && refocus());
      if (key === 'e') act(status === 'done' ? { kind: 'reopen' } : { kind: 'done' });
      else if (key === 'E') {
        if (!rowId || rowId === openId) void model.doneAndNext();
        else act({ kind: 'done' });
      } else if (key === 'b') list.openSnooze(id);
      else if (key === 'p') act({ kind: 'pin', pinned: !isPinned(desk) });
      else if (key === 'u') {
        act({ kind: 'mark-unread' });
        // The open conversation would be read again at once: back to the list, as mail does.
        if (id === openId) model.closeConversation();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [model, list, now]);
  return null;
}
