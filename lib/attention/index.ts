/**
 * Getting a person's attention, in the background: the toolbar badge and browser notifications
 * for new customer messages. Unread state is local (Meta exposes none); its rule is in unread.ts,
 * which pages use too.
 */
import {
  getAllDeskStates,
  getConversations,
  getMany,
  getOpenedStates,
  getSyncState,
  listAccounts,
  listAllConversations,
  putOpenedState,
} from '../db';
import type { Account, Conversation, Message } from '../db/schema';
import { contactName } from '../format/contact-name';
import { formatNumber } from '../format/numbers';
import { previewOf, truncate } from '../format/text';
import { t } from '../i18n';
import type { Notice } from '../messaging/protocol';
import { formatRoute } from '../route';
import { notificationsOffSetting } from '../settings';
import { logDiagnostic } from '../diagnostics';
import { unreadConversations } from './unread';

export { isUnread, needsAttention, unreadConversations } from './unread';

export interface BadgeState {
  text: string;
  color: string;
  title: string;
}

export const BADGE_COLORS = { unread: '#2563eb', syncing: '#6b7280', error: '#d93025' } as const;

export function badgeFor(input: { unread: number; syncing: boolean; failures: Array<{ account: string; message: string }> }): BadgeState {
  const count = input.unread > 99 ? '99+' : input.unread > 0 ? String(input.unread) : '';
  const unread = { count: formatNumber(input.unread) };
  if (input.failures.length > 0) {
    // Red, with the reason in the tooltip; unread counts still show so nothing is hidden.
    const head = input.unread === 0 ? t('badge.attentionNoUnread') : t('badge.attentionUnread', input.unread, unread);
    const lines = input.failures.map((f) => t('badge.accountLine', { username: f.account, reason: f.message }));
    return { text: count || '!', color: BADGE_COLORS.error, title: [head, ...lines].join('\n') };
  }
  if (input.syncing) return { text: count || '…', color: BADGE_COLORS.syncing, title: t('badge.checking') };
  return {
    text: count,
    color: BADGE_COLORS.unread,
    title: input.unread === 0 ? t('badge.noUnread') : t('badge.unread', input.unread, unread),
  };
}

export interface AttentionDeps {
  setBadge: (badge: BadgeState) => Promise<void>;
  showNotification: (id: string, n: { title: string; message: string }) => Promise<void>;
  notify: (notice: Notice) => void;
  now?: () => number;
}

/** More new messages than this in one sync become one grouped notification. */
export const GROUP_ABOVE = 3;

export function notificationId(accountId: string, conversationId: string | null): string {
  return `dmdesk|${accountId}|${conversationId ?? ''}|${Date.now()}`;
}

export function parseNotificationId(id: string): { accountId: string; conversationId: string | null } | null {
  const [prefix, accountId, conversationId] = id.split('|');
  if (prefix !== 'dmdesk' || !accountId) return null;
  return { accountId, conversationId: conversationId || null };
}

export interface NotificationClickDeps {
  /** Tells an inbox that is already open where to go (it watches this request). */
  requestOpen(target: { accountId: string; conversationId: string | null; at: number }): Promise<void>;
  /** Opens the inbox (side panel, sidebar, or a tab) at this address. */
  openInbox(hash: string): Promise<void>;
  now?: () => number;
}

/**
 * A click on one of our notifications opens the inbox at what it was about: the conversation, or
 * the account for a grouped one. Returns false for a notification that is not ours.
 */
export async function openNotificationTarget(id: string, deps: NotificationClickDeps): Promise<boolean> {
  const target = parseNotificationId(id);
  if (!target) return false;
  await Promise.all([deps.requestOpen({ ...target, at: (deps.now ?? Date.now)() }), deps.openInbox(formatRoute(target))]);
  return true;
}

export class Attention {
  readonly #deps: AttentionDeps;
  constructor(deps: AttentionDeps) {
    this.#deps = deps;
  }

  /**
   * The conversations that need the person, as last counted. The first count reads every
   * conversation; after it, a change to a few conversations looks at those few only, so a new
   * message does not read an archive of 100,000 rows to move the badge by one.
   */
  #needing: Set<string> | null = null;

  /** The last count asked for; each count starts when the one before it has ended. */
  #counting: Promise<void> = Promise.resolve();

  /**
   * Puts the badge in line with the cache. By default every conversation is counted again;
   * `changed` counts only those conversations again (the rest keep their last count), and
   * `recount: false` keeps the last count and only looks at sync states and account problems.
   *
   * Counts run one after another: a whole count that read a conversation before it changed would
   * otherwise end after the recount of that conversation and put its older state back.
   */
  refreshBadge(opts: { recount?: boolean; changed?: string[] } = {}): Promise<void> {
    const run = this.#counting.then(() => this.#count(opts));
    this.#counting = run.catch(() => undefined);
    return run;
  }

  async #count(opts: { recount?: boolean; changed?: string[] }): Promise<void> {
    const accounts = await listAccounts();
    const states = await Promise.all(accounts.map((a) => getSyncState(a.id)));
    const now = (this.#deps.now ?? Date.now)();
    if (!this.#needing || (opts.recount !== false && !opts.changed)) {
      const [conversations, opened, desks] = await Promise.all([listAllConversations(), getOpenedStates(), getAllDeskStates()]);
      // Done and snoozed conversations do not need the person; marked unread ones do.
      this.#needing = new Set(unreadConversations(conversations, opened, accounts, desks, now).map((c) => c.id));
    } else if (opts.changed?.length) {
      const ids = opts.changed;
      const [conversations, opened, desks] = await Promise.all([getConversations(ids), getMany('opened', ids), getMany('desk', ids)]);
      for (const id of ids) this.#needing.delete(id);
      for (const c of unreadConversations(conversations, opened, accounts, desks, now)) this.#needing.add(c.id);
    }
    const failures = accounts.flatMap((a, i) => {
      const state = states[i];
      if (a.status === 'reconnect') return [{ account: a.username, message: t('badge.reconnect') }];
      if (a.status === 'permission-required') return [{ account: a.username, message: t('badge.permissionRequired') }];
      if (state?.error && state.error.kind !== 'rate-limit') return [{ account: a.username, message: state.error.message }];
      return [];
    });
    await this.#deps.setBadge(
      badgeFor({
        unread: this.#needing.size,
        syncing: states.some((s) => s?.running === true),
        failures,
      }),
    );
  }

  async markOpened(accountId: string, conversationId: string): Promise<void> {
    await putOpenedState({ accountId, conversationId, openedAt: (this.#deps.now ?? Date.now)() });
    this.#deps.notify({ type: 'read-changed' });
    // Only this conversation is counted again: cheap enough for every click, at any archive size.
    void this.refreshBadge({ changed: [conversationId] }).catch((e: unknown) =>
      logDiagnostic('badge', 'Could not update the toolbar badge', e),
    );
  }

  /** One notification per new customer message, or one for the lot when many arrive at once. */
  async announce(account: Account, messages: Message[], conversations: Map<string, Conversation>): Promise<void> {
    const inbound = messages.filter((m) => !m.isOwn).sort((a, b) => a.createdTime - b.createdTime);
    if (inbound.length === 0) return;
    if ((await notificationsOffSetting.getValue()).includes(account.id)) return;
    const contactOf = (m: Message) => contactName(conversations.get(m.conversationId)?.participant);
    if (inbound.length > GROUP_ABOVE) {
      const names = [...new Set(inbound.map((m) => contactOf(m).primary))];
      const shown = names.slice(0, 3).join(', ');
      await this.#deps.showNotification(notificationId(account.id, null), {
        title: t('notify.newMessagesTitle', inbound.length, { count: formatNumber(inbound.length), username: account.username }),
        message:
          names.length > 3 ? t('notify.moreNames', names.length - 3, { names: shown, count: formatNumber(names.length - 3) }) : shown,
      });
      return;
    }
    for (const m of inbound) {
      const preview = previewOf({ text: m.text, kind: m.kind, isOwn: false, createdTime: m.createdTime });
      await this.#deps.showNotification(notificationId(account.id, m.conversationId), {
        title: t('notify.messageTitle', { name: contactOf(m).full, username: account.username }),
        message: truncate(preview, 120),
      });
    }
  }
}
