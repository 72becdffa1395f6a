/**
 * The toolbar popup's state: accounts with their unread counts, the selected account's newest
 * unread conversations, how many arrived since the last look, refresh, and the quick reply with
 * its outbox status. It reads the cache, re-reads on the background's notices, and asks the
 * background for every write (sync, send).
 */
import { batch, computed, signal } from '@preact/signals';
import { needsAttention } from '../attention/unread';
import type { Account, Conversation, ConversationDesk, OpenedState, OutboxItem, SyncState } from '../db/schema';
import { returnReason } from '../desk/status';
import { logDiagnostic } from '../diagnostics';
import { isDeskError } from '../errors';
import { t } from '../i18n';
import type { Notice, RequestName, Requests } from '../messaging/protocol';
import { describeOutbox } from '../outbox/status';
import type { OpenRequest } from '../settings';
import { storedSignal, type StoredItem } from './stored-signal';

export interface PopupDeps {
  listAccounts(): Promise<Account[]>;
  listAllConversations(): Promise<Conversation[]>;
  getOpenedStates(): Promise<OpenedState[]>;
  getSyncState(accountId: string): Promise<SyncState | undefined>;
  listOutbox(conversationId: string): Promise<OutboxItem[]>;
  /** The desk records (done and snoozed conversations do not count as unread here). */
  getAllDeskStates?(): Promise<ConversationDesk[]>;
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
  onNotice(listener: (notice: Notice) => void): () => void;
  /** When the popup was last looked at (lib/settings `popupLastLookItem`). */
  lastLookItem: StoredItem<number>;
  /** Tells the side panel what to show (lib/settings `openRequestItem`). */
  openRequestItem: StoredItem<OpenRequest | null>;
  /** Opens the side panel; must be called within the click that asked for it. */
  openInbox(): Promise<void>;
  /** Closes the popup (once the side panel opened). */
  close(): void;
  now?: () => number;
}

export type PopupModel = ReturnType<typeof createPopupModel>;

/** How many unread conversations the popup lists. */
export const RECENT_UNREAD = 5;

/** What the popup says when the side panel would not open (a page where the browser allows none). */
export const panelFailedMessage = (): string => t('popup.panelFailed');

interface Snapshot {
  accounts: Account[];
  conversations: Conversation[];
  opened: Map<string, number>;
  sync: Array<SyncState | undefined>;
  desks: Map<string, ConversationDesk>;
}

/** A conversation back from a snooze or a follow-up, with why. */
export interface BackItem {
  conversation: Conversation;
  reason: 'snooze' | 'follow-up';
  days?: number;
}

export function createPopupModel(deps: PopupDeps) {
  const now = deps.now ?? Date.now;
  const data = signal<Snapshot | null>(null);
  const selectedAccountId = signal<string | null>(null);
  const expandedId = signal<string | null>(null);
  /** One line per conversation replied to from here: what its outbox is doing. */
  const outboxStatus = signal<Record<string, string>>({});
  /** When the popup was looked at before this time (null until read). */
  const lastLook = signal<number | null>(null);
  const refreshing = signal(false);
  const error = signal<string | null>(null);
  const lastLookSetting = storedSignal(deps.lastLookItem);
  const openRequest = storedSignal(deps.openRequestItem);

  const accounts = computed(() => data.value?.accounts ?? null);
  const unread = computed(() => {
    const d = data.value;
    if (!d) return [];
    const connectedAt = new Map(d.accounts.map((a) => [a.id, a.connectedAt]));
    const t = now();
    // The badge's rule: unread or marked unread, and neither done nor snoozed.
    return d.conversations.filter((c) => needsAttention(c, d.desks.get(c.id), d.opened.get(c.id), connectedAt.get(c.accountId) ?? 0, t));
  });
  /** The selected account's conversations back from a snooze or a follow-up, not opened since (unread ones are listed above). */
  const back = computed((): BackItem[] => {
    const d = data.value;
    const account = selectedAccountId.value;
    const listed = new Set(unread.value.map((c) => c.id));
    if (!d) return [];
    const t = now();
    return d.conversations.flatMap((c) => {
      if (c.accountId !== account || listed.has(c.id)) return [];
      const why = returnReason(c, d.desks.get(c.id), d.opened.get(c.id), t);
      return why ? [{ conversation: c, reason: why.reason, days: why.days }] : [];
    });
  });
  const unreadCounts = computed(() => {
    const counts: Record<string, number> = {};
    for (const c of unread.value) counts[c.accountId] = (counts[c.accountId] ?? 0) + 1;
    return counts;
  });
  /** The selected account's newest unread conversations. */
  const recent = computed(() =>
    unread.value
      .filter((c) => c.accountId === selectedAccountId.value)
      .sort((a, b) => b.updatedTime - a.updatedTime)
      .slice(0, RECENT_UNREAD),
  );
  /** Conversations with a message that arrived since the popup was last looked at. */
  const newSinceLook = computed(() => {
    const since = lastLook.value;
    const conversations = data.value?.conversations ?? [];
    return since ? conversations.filter((c) => (c.lastInboundTime ?? 0) > since).length : 0;
  });
  const syncing = computed(() => refreshing.value || (data.value?.sync.some((s) => s?.running === true) ?? false));
  /** When the last sync of any account finished (0: never). */
  const lastSynced = computed(() => Math.max(0, ...(data.value?.sync.map((s) => s?.lastSyncedAt ?? 0) ?? [])));

  let loads = 0;
  /** Reads everything the popup shows; only the newest of overlapping reads lands. */
  const load = async (): Promise<void> => {
    const mine = ++loads;
    try {
      const [list, conversations, opened, desks] = await Promise.all([
        deps.listAccounts(),
        deps.listAllConversations(),
        deps.getOpenedStates(),
        deps.getAllDeskStates?.() ?? [],
      ]);
      const sync = await Promise.all(list.map((a) => deps.getSyncState(a.id)));
      if (mine !== loads) return;
      batch(() => {
        data.value = {
          accounts: list,
          conversations,
          opened: new Map(opened.map((o) => [o.conversationId, o.openedAt])),
          sync,
          desks: new Map(desks.map((x) => [x.conversationId, x])),
        };
        if (!list.some((a) => a.id === selectedAccountId.value)) selectedAccountId.value = list[0]?.id ?? null;
      });
    } catch (e) {
      logDiagnostic('popup', 'The popup could not read the cache', e);
      if (mine === loads && !data.value) data.value = { accounts: [], conversations: [], opened: new Map(), sync: [], desks: new Map() };
    }
  };

  const refresh = async (): Promise<void> => {
    refreshing.value = true;
    // A failed sync is recorded in its sync state, which the popup shows with the reason.
    await deps.request('sync', {}).catch((e: unknown) => logDiagnostic('popup', 'Refresh from the popup failed', e));
    refreshing.value = false;
    await load();
  };

  const showOutbox = async (conversationId: string): Promise<void> => {
    try {
      const items = await deps.listOutbox(conversationId);
      outboxStatus.value = { ...outboxStatus.value, [conversationId]: describeOutbox(items, now()) };
    } catch (e) {
      logDiagnostic('popup', 'The popup could not read a conversation’s outbox', e);
    }
  };

  let unsubscribe: (() => void) | null = null;

  /** Reads the cache, then asks for a sync; follows the background's notices until `dispose`. */
  const start = async (): Promise<void> => {
    unsubscribe ??= deps.onNotice((n) => {
      if (n.type !== 'upload-progress') void load();
      if (n.type === 'outbox-changed') void showOutbox(n.conversationId);
    });
    // The count of new messages is "since the last look": read it, then this look becomes the last.
    const looked = lastLookSetting.ready.then(() => {
      lastLook.value = lastLookSetting.value.value;
      return lastLookSetting.set(now());
    });
    await Promise.all([load(), looked]);
    await refresh();
  };

  const send = async (accountId: string, conversationId: string, text: string): Promise<boolean> => {
    try {
      await deps.request('send', { accountId, conversationId, text });
      outboxStatus.value = { ...outboxStatus.value, [conversationId]: t('popup.sending') };
      // A notice may have come before the answer: show what the outbox holds now.
      void showOutbox(conversationId);
      return true;
    } catch (e) {
      if (!isDeskError(e)) logDiagnostic('popup', 'A quick reply could not be queued', e);
      outboxStatus.value = {
        ...outboxStatus.value,
        [conversationId]: isDeskError(e) ? t('popup.notSentBecause', { reason: e.message }) : t('popup.notSent'),
      };
      return false;
    }
  };

  /** Shows a conversation (or an account's list) in the side panel. Call it in the click itself. */
  const openInPanel = (accountId: string, conversationId: string | null): void => {
    void openRequest.set({ accountId, conversationId, at: now() });
    deps.openInbox().then(
      () => deps.close(),
      (e: unknown) => {
        logDiagnostic('popup', 'The side panel could not be opened from the popup', e);
        error.value = panelFailedMessage();
      },
    );
  };

  return {
    accounts,
    selectedAccountId: computed(() => selectedAccountId.value),
    unreadCounts,
    recent,
    back,
    newSinceLook,
    syncing,
    lastSynced,
    expandedId: computed(() => expandedId.value),
    outboxStatus: computed(() => outboxStatus.value),
    error: computed(() => error.value),
    start,
    refresh,
    send,
    openInPanel,
    selectAccount: (id: string): void => {
      selectedAccountId.value = id;
    },
    /** Opens a conversation's quick reply, or closes it when it is open. */
    toggleExpanded: (conversationId: string): void => {
      expandedId.value = expandedId.value === conversationId ? null : conversationId;
    },
    dispose: (): void => {
      unsubscribe?.();
      unsubscribe = null;
      lastLookSetting.dispose();
      openRequest.dispose();
    },
  };
}
