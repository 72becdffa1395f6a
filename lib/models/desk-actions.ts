/**
 * The desk's actions on one account's conversations (done, reopen, snooze, follow-up, pin, mark
 * unread), each announced in a toast with Undo: the background writes, this asks and puts back
 * the state a conversation had when Undo is pressed.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ConversationDesk } from '../db/schema';
import { deskStateOf, type DeskChange } from '../desk/changes';
import { shortWhen } from '../desk/times';
import { logDiagnostic } from '../diagnostics';
import { isDeskError } from '../errors';
import { formatNumber } from '../format/numbers';
import { t } from '../i18n';
import type { RequestName, Requests } from '../messaging/protocol';

export interface DeskToast {
  id: number;
  message: string;
  /** Puts back what the action changed (absent once undone, or for a failure). */
  undo?: () => Promise<void>;
  error?: boolean;
}

export interface DeskActionsDeps {
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
  now(): number;
  timeZone(): string | undefined;
}

export type DeskActions = ReturnType<typeof createDeskActions>;

/** What the toast says an action did. */
export function describeChange(change: DeskChange, name: string, now: number, timeZone: string | undefined): string {
  switch (change.kind) {
    case 'done':
      return t('desk.toastDone', { name });
    case 'reopen':
      return t('desk.toastReopened', { name });
    case 'snooze':
      return t('desk.toastSnoozed', { name, when: shortWhen(change.until, now, timeZone) });
    case 'follow-up':
      return t('desk.toastFollowUp', change.days, { name, count: formatNumber(change.days) });
    case 'unsnooze':
      return t('desk.toastUnsnoozed', { name });
    case 'pin':
      return change.pinned ? t('desk.toastPinned', { name }) : t('desk.toastUnpinned', { name });
    case 'mark-unread':
      return t('desk.toastMarkedUnread', { name });
    case 'labels':
      return t('desk.toastLabels', { name });
    case 'restore':
      return t('desk.toastUndone');
  }
}

export function createDeskActions(deps: DeskActionsDeps, accountId: string, desks: ReadonlySignal<ReadonlyMap<string, ConversationDesk>>) {
  const toast = signal<DeskToast | null>(null);
  let toasts = 0;
  const show = (t: Omit<DeskToast, 'id'>): void => {
    toast.value = { ...t, id: ++toasts };
  };

  async function update(conversationIds: string[], change: DeskChange): Promise<boolean> {
    try {
      await deps.request('updateDesk', { accountId, conversationIds, change });
      return true;
    } catch (e) {
      logDiagnostic('ui', 'A desk action failed', e);
      show({ message: isDeskError(e) ? e.message : t('desk.actionFailed'), error: true });
      return false;
    }
  }

  /**
   * Applies `change` to one conversation and announces it with Undo (which puts back the state it
   * had, whatever that was: a snooze undone by Done comes back too). `name`: the contact, for the toast.
   */
  async function act(conversationId: string, change: DeskChange, name: string): Promise<boolean> {
    const before = deskStateOf(desks.value.get(conversationId));
    if (!(await update([conversationId], change))) return false;
    const undo = async (): Promise<void> => {
      if (await update([conversationId], { kind: 'restore', state: before })) show({ message: t('desk.toastUndone') });
    };
    show({ message: describeChange(change, name, deps.now(), deps.timeZone()), undo });
    return true;
  }

  return {
    /** The last action's announcement (null once dismissed). */
    toast: toast as ReadonlySignal<DeskToast | null>,
    act,
    /** Undoes what the toast announces. */
    async undo(): Promise<void> {
      const t = toast.value;
      if (!t?.undo) return;
      toast.value = null;
      await t.undo();
    },
    dismiss(id?: number): void {
      if (id === undefined || toast.value?.id === id) toast.value = null;
    },
  };
}
