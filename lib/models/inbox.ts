/**
 * The side panel's state: accounts, the selected account's conversations, the open thread and
 * the sync status. It reads the cache directly, re-reads on the background's notices, and asks
 * the background to act (connect, refresh, send).
 */
import { batch, computed, signal } from '@preact/signals';
import type { Account, Conversation, Message, SyncState } from '../db/schema';
import { DeskError } from '../errors';
import type { Notice, RequestName, Requests } from '../messaging/protocol';

export interface InboxDeps {
  listAccounts(): Promise<Account[]>;
  listConversations(accountId: string): Promise<Conversation[]>;
  listMessages(conversationId: string): Promise<Message[]>;
  getSyncState(accountId: string): Promise<SyncState | undefined>;
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
  onNotice(listener: (notice: Notice) => void): () => void;
  now?: () => number;
}

export interface PendingMessage {
  localId: string;
  conversationId: string;
  text: string;
  createdTime: number;
}

export type InboxModel = ReturnType<typeof createInboxModel>;

export function createInboxModel(deps: InboxDeps) {
  const now = deps.now ?? Date.now;
  const accounts = signal<Account[] | null>(null);
  const selectedAccountId = signal<string | null>(null);
  const conversations = signal<Conversation[] | null>(null);
  const syncState = signal<SyncState | null>(null);
  const selectedConversationId = signal<string | null>(null);
  const messages = signal<Message[] | null>(null);
  const pending = signal<PendingMessage[]>([]);
  const refreshing = signal(false);
  const sendError = signal<string | null>(null);
  /** Text of a failed send, handed back to the composer so nothing typed is lost. */
  const restoredDraft = signal<string | null>(null);
  const connectError = signal<DeskError | null>(null);
  const connecting = signal(false);

  const selectedAccount = computed(() => accounts.value?.find((a) => a.id === selectedAccountId.value) ?? null);
  const selectedConversation = computed(() => conversations.value?.find((c) => c.id === selectedConversationId.value) ?? null);
  const sending = computed(() => pending.value.some((p) => p.conversationId === selectedConversationId.value));
  const syncing = computed(() => refreshing.value || syncState.value?.running === true);

  let loadToken = 0;

  async function loadAccounts(): Promise<void> {
    const list = await deps.listAccounts();
    const current = selectedAccountId.value;
    batch(() => {
      accounts.value = list;
      if (!current || !list.some((a) => a.id === current)) {
        selectedAccountId.value = list[0]?.id ?? null;
        selectedConversationId.value = null;
        messages.value = null;
        conversations.value = null;
      }
    });
    if (selectedAccountId.value !== current) await loadAccountData();
  }

  async function loadAccountData(): Promise<void> {
    const accountId = selectedAccountId.value;
    const token = ++loadToken;
    if (!accountId) {
      batch(() => {
        conversations.value = null;
        syncState.value = null;
      });
      return;
    }
    const [list, state] = await Promise.all([deps.listConversations(accountId), deps.getSyncState(accountId)]);
    if (token !== loadToken) return;
    batch(() => {
      conversations.value = list;
      syncState.value = state ?? null;
    });
  }

  async function loadMessages(): Promise<void> {
    const conversationId = selectedConversationId.value;
    if (!conversationId) {
      messages.value = null;
      return;
    }
    const list = await deps.listMessages(conversationId);
    if (selectedConversationId.value === conversationId) messages.value = list;
  }

  async function syncNow(accountId: string): Promise<void> {
    try {
      await deps.request('sync', { accountId });
    } catch {
      // The failure is recorded in the sync state, which the UI shows with its way forward.
    }
  }

  function onNotice(notice: Notice): void {
    if (notice.type === 'accounts-changed') void loadAccounts();
    else if (notice.accountId === selectedAccountId.value) {
      void loadAccountData();
      if (
        notice.type === 'conversations-changed' &&
        selectedConversationId.value &&
        notice.conversationIds.includes(selectedConversationId.value)
      ) {
        void loadMessages();
      }
    }
  }

  return {
    accounts,
    selectedAccountId,
    selectedAccount,
    conversations,
    syncState,
    selectedConversationId,
    selectedConversation,
    messages,
    pending,
    sending,
    syncing,
    sendError,
    restoredDraft,
    connectError,
    connecting,

    /** Paints from the cache, listens for changes, then asks the background for fresh data. */
    async start(): Promise<() => void> {
      const unsubscribe = deps.onNotice(onNotice);
      await loadAccounts();
      const first = selectedAccountId.value;
      if (first) void syncNow(first);
      return unsubscribe;
    },

    async selectAccount(accountId: string): Promise<void> {
      if (accountId === selectedAccountId.value) return;
      batch(() => {
        selectedAccountId.value = accountId;
        selectedConversationId.value = null;
        messages.value = null;
        conversations.value = null;
        syncState.value = null;
        sendError.value = null;
      });
      await loadAccountData();
      void syncNow(accountId);
    },

    async openConversation(conversationId: string): Promise<void> {
      batch(() => {
        selectedConversationId.value = conversationId;
        messages.value = null;
        sendError.value = null;
      });
      await loadMessages();
    },

    closeConversation(): void {
      batch(() => {
        selectedConversationId.value = null;
        messages.value = null;
        sendError.value = null;
      });
    },

    async refresh(): Promise<void> {
      const accountId = selectedAccountId.value;
      if (!accountId) return;
      refreshing.value = true;
      try {
        await syncNow(accountId);
      } finally {
        refreshing.value = false;
      }
      await loadAccountData();
    },

    async connect(): Promise<void> {
      connecting.value = true;
      connectError.value = null;
      try {
        await deps.request('connect', {});
        await loadAccounts();
      } catch (e) {
        connectError.value = e instanceof DeskError ? e : new DeskError('failed', 'Connecting failed. Try again.');
      } finally {
        connecting.value = false;
      }
    },

    /** Sends a reply. The text leaves the composer at once; if sending fails it comes back. */
    async send(text: string): Promise<boolean> {
      const accountId = selectedAccountId.value;
      const conversationId = selectedConversationId.value;
      if (!accountId || !conversationId || text.trim() === '') return false;
      const item: PendingMessage = { localId: `local-${now()}-${Math.random()}`, conversationId, text: text.trim(), createdTime: now() };
      batch(() => {
        pending.value = [...pending.value, item];
        sendError.value = null;
        restoredDraft.value = null;
      });
      try {
        await deps.request('send', { accountId, conversationId, text });
        if (selectedConversationId.value === conversationId) await loadMessages();
        await loadAccountData();
        return true;
      } catch (e) {
        const message = e instanceof DeskError ? e.message : 'The message could not be sent. Try again.';
        if (selectedConversationId.value === conversationId) {
          batch(() => {
            sendError.value = `Not sent. ${message}`;
            restoredDraft.value = text;
          });
        }
        return false;
      } finally {
        pending.value = pending.value.filter((p) => p.localId !== item.localId);
      }
    },
  };
}
