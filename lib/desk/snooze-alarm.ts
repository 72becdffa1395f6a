/**
 * Snoozes and follow-ups coming back, in the background: one browser alarm at the next moment a
 * snooze ends (set again after every desk change and at every worker start, so it survives a
 * browser restart). When it fires, each ended snooze is settled: back with a note and a
 * notification when the customer did not write meanwhile, or simply cleared when they did (their
 * message already brought it back). Every open page is told, and the badge recounts.
 */
import { getAllDeskStates, getConversations, listAccounts, updateDeskState } from '../db';
import type { Account, Conversation, ConversationDesk } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { contactName } from '../format/contact-name';
import { formatNumber } from '../format/numbers';
import { t } from '../i18n';
import type { Notice } from '../messaging/protocol';
import { notificationsOffSetting } from '../settings';
import { endSnooze } from './changes';
import { nextReturnTime } from './status';

export const SNOOZE_ALARM = 'dmdesk-snooze';

/** More conversations than this coming back at once for one account become one notification. */
const GROUP_ABOVE = 3;

export interface SnoozeAlarmDeps {
  alarms: {
    create(name: string, info: { when: number }): Promise<void> | void;
    clear(name: string): Promise<unknown>;
  };
  showNotification(id: string, n: { title: string; message: string }): Promise<void>;
  /** The id a notification gets, so a click opens this conversation (or the account's list). */
  notificationId(accountId: string, conversationId: string | null): string;
  notify(notice: Notice): void;
  /** Conversations came back (the badge recounts). */
  onReturned?(): void;
  now(): number;
  /** Accounts whose notifications are off (default: the setting). */
  notificationsOff?(): Promise<string[]>;
}

/** What a notification says for a conversation that came back. */
export function returnNotice(conv: Conversation | undefined, desk: ConversationDesk, account: Account | undefined) {
  const name = contactName(conv?.participant).primary;
  const back = desk.returned;
  const days = back?.days ?? 0;
  const title =
    back?.reason === 'follow-up'
      ? t('desk.notifyNoReply', days, { name, count: formatNumber(days) })
      : t('desk.notifySnoozeBack', { name });
  return { title, message: account ? t('desk.notifyFollowUpAccount', { username: account.username }) : t('desk.notifyFollowUp') };
}

export function createSnoozeAlarm(deps: SnoozeAlarmDeps) {
  /** Sets the alarm at the next return time of all desk records (or clears it when none is snoozed). */
  async function schedule(): Promise<number | null> {
    const next = nextReturnTime(await getAllDeskStates());
    if (next === null) {
      await deps.alarms.clear(SNOOZE_ALARM);
      return null;
    }
    // A time already past fires at once (the browser may round it up to its own minimum).
    const when = Math.max(next, deps.now() + 1000);
    await deps.alarms.create(SNOOZE_ALARM, { when });
    return when;
  }

  /** Settles every snooze that has ended, tells the pages, and sets the alarm for the next one. */
  async function fire(): Promise<void> {
    const now = deps.now();
    const due = (await getAllDeskStates()).filter((d) => d.snooze && d.snooze.until <= now);
    if (due.length > 0) {
      const conversations = new Map((await getConversations(due.map((d) => d.conversationId))).map((c) => [c.id, c]));
      const back: ConversationDesk[] = [];
      const changed = new Map<string, string[]>();
      for (const d of due) {
        const conv = conversations.get(d.conversationId);
        let returned: ConversationDesk | null = null;
        await updateDeskState(d.conversationId, (current) => {
          if (!current) return null;
          const ended = endSnooze(current, conv?.lastInboundTime ?? null, now);
          if (ended.returned) returned = ended.record;
          return ended.record;
        });
        if (returned) back.push(returned);
        changed.set(d.accountId, [...(changed.get(d.accountId) ?? []), d.conversationId]);
      }
      for (const [accountId, conversationIds] of changed) deps.notify({ type: 'desk-changed', accountId, conversationIds });
      deps.onReturned?.();
      await announce(back, conversations).catch((e: unknown) =>
        logDiagnostic('notifications', 'Could not announce conversations back from snooze', e),
      );
    }
    await schedule();
  }

  async function announce(back: ConversationDesk[], conversations: Map<string, Conversation>): Promise<void> {
    if (back.length === 0) return;
    const off = await (deps.notificationsOff ?? (() => notificationsOffSetting.getValue()))();
    const accounts = new Map((await listAccounts()).map((a) => [a.id, a]));
    const byAccount = new Map<string, ConversationDesk[]>();
    for (const d of back) if (!off.includes(d.accountId)) byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d]);
    for (const [accountId, list] of byAccount) {
      const account = accounts.get(accountId);
      if (list.length > GROUP_ABOVE) {
        await deps.showNotification(deps.notificationId(accountId, null), {
          title: account
            ? t('desk.notifyManyBackAccount', list.length, { count: formatNumber(list.length), username: account.username })
            : t('desk.notifyManyBack', list.length, { count: formatNumber(list.length) }),
          message: list
            .slice(0, 3)
            .map((d) => contactName(conversations.get(d.conversationId)?.participant).primary)
            .join(', '),
        });
        continue;
      }
      for (const d of list) {
        await deps.showNotification(
          deps.notificationId(accountId, d.conversationId),
          returnNotice(conversations.get(d.conversationId), d, account),
        );
      }
    }
  }

  return { schedule, fire };
}
