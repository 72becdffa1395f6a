import { useCallback } from 'preact/hooks';
import { contactName } from '@/lib/format/contact-name';
import { deskStatus } from '@/lib/desk/status';
import type { ConversationListModel } from '@/lib/models/conversation-list';
import type { InboxModel } from '@/lib/models/inbox';
import { DeskKeys } from './DeskKeys';
import { DeskToast } from './DeskToast';
import { lazyComponent } from './lazy';

// i18n-exempt: a module path and a component name, not words
const SnoozeMenu = lazyComponent(() => import('./SnoozeMenu').then((m) => m.SnoozeMenu), 'SnoozeMenu');

interface Props {
  model: InboxModel;
  list: ConversationListModel | null;
  now: number;
  timeZone: string | undefined;
}

/** The desk's keys, its snooze menu and the toast that announces each action with Undo. */
export function DeskLayer({ model, list, now, timeZone }: Props) {
  const snoozeId = list?.snoozing.value ?? null;
  const row = snoozeId ? list?.conversations.value?.find((c) => c.id === snoozeId) : undefined;
  const dismiss = useCallback((id: number) => list?.dismissToast(id), [list]);
  const close = () => list?.openSnooze(null);
  const then = (p: Promise<boolean> | undefined) => {
    close();
    void p;
  };
  return (
    <>
      <DeskKeys model={model} list={list} now={now} />
      {list && row ? (
        <SnoozeMenu
          key={row.id}
          name={contactName(row.participant).primary}
          now={now}
          timeZone={timeZone}
          snoozed={deskStatus(row, list.desks.value.get(row.id), now) === 'snoozed'}
          onSnooze={(until) => then(list.act(row.id, { kind: 'snooze', until }))}
          onFollowUp={(days) => then(list.act(row.id, { kind: 'follow-up', days }))}
          onUnsnooze={() => then(list.act(row.id, { kind: 'unsnooze' }))}
          onClose={close}
        />
      ) : null}
      <DeskToast toast={list?.toast.value ?? null} onUndo={() => void list?.undo()} onDismiss={dismiss} />
    </>
  );
}
