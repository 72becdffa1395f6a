/**
 * The side panel's state: accounts, the selected account's conversations, the open thread and
 * the sync status. It reads the cache directly, re-reads on the background's notices, and asks
 * the background to act (connect, refresh, send).
 */
import { batch, computed, signal } from '@preact/signals';
import type { ContactProfile } from '../contacts/profile';
import type { Account, Conversation, Message, SyncState } from '../db/schema';
import { DeskError } from '../errors';
import type { Notice, RequestName, Requests } from '../messaging/protocol';
import { reactionBlocker, withOwnReaction } from '../policy/reactions';
import { needsReply } from '../policy/reply-window';
import { createAttachmentsModel, type AttachmentsDeps } from './attachments';

export type ListFilter = 'all' | 'needs-reply';

export interface InboxDeps extends AttachmentsDeps {
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
  const filter = signal<ListFilter>('all');
  /** A failed action on the open thread (e.g. a reaction Instagram refused). */
  const actionError = signal<string | null>(null);
  const contactOpen = signal(false);
  const profile = signal<ContactProfile | null>(null);
  const profileError = signal<string | null>(null);
  const attachments = createAttachmentsModel(deps);

  /** Waiting customers first: the one waiting longest on top. */
  const needsReplyList = computed(() =>
    (conversations.value ?? []).filter(needsReply).sort((a, b) => (a.lastInboundTime ?? 0) - (b.lastInboundTime ?? 0)),
  );
  const visibleConversations = computed(() => (filter.value === 'needs-reply' ? needsReplyList.value : conversations.value));

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

  async function loadProfile(refresh = false): Promise<void> {
    const accountId = selectedAccountId.value;
    const conversationId = selectedConversationId.value;
    if (!accountId || !conversationId) return;
    profileError.value = null;
    try {
      const p = await deps.request('profile', { accountId, conversationId, refresh });
      if (selectedConversationId.value === conversationId) profile.value = p;
    } catch (e) {
      if (selectedConversationId.value === conversationId) {
        profileError.value = e instanceof DeskError ? e.message : 'Could not load the contact’s details.';
      }
    }
  }

  function onNotice(notice: Notice): void {
    if (notice.type === 'accounts-changed') void loadAccounts();
    else if (notice.type === 'upload-progress') {
      if (notice.conversationId === selectedConversationId.value) attachments.setState(notice.uploadId, notice.state);
    } else if (notice.accountId === selectedAccountId.value) {
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
    filter,
    visibleConversations,
    needsReplyList,
    actionError,
    contactOpen,
    profile,
    profileError,
    attachments,
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
        actionError.value = null;
        restoredDraft.value = null;
        profile.value = null;
        profileError.value = null;
      });
      const accountId = selectedAccountId.value;
      await Promise.all([loadMessages(), accountId ? attachments.load(accountId, conversationId) : null]);
      if (contactOpen.value) await loadProfile();
    },

    closeConversation(): void {
      batch(() => {
        selectedConversationId.value = null;
        messages.value = null;
        sendError.value = null;
        actionError.value = null;
      });
    },

    refreshProfile: () => loadProfile(true),

    setFilter(next: ListFilter): void {
      filter.value = next;
    },

    async toggleContact(): Promise<void> {
      contactOpen.value = !contactOpen.value;
      if (contactOpen.value && !profile.value) await loadProfile();
    },

    /** Reacts at once on screen; if Instagram refuses, the reaction goes back and the reason shows. */
    async react(messageId: string, emoji: string | null): Promise<void> {
      const account = selectedAccount.value;
      const conversationId = selectedConversationId.value;
      const before = messages.value;
      if (!account || !conversationId || !before) return;
      const target = before.find((m) => m.id === messageId);
      const blocker = target ? reactionBlocker(target) : 'This message is no longer available.';
      if (blocker) {
        actionError.value = blocker;
        return;
      }
      actionError.value = null;
      messages.value = before.map((m) =>
        m.id === messageId ? { ...m, reactions: withOwnReaction(m.reactions, account.id, account.username, emoji) } : m,
      );
      try {
        await deps.request('react', { accountId: account.id, conversationId, messageId, emoji });
      } catch (e) {
        if (selectedConversationId.value !== conversationId) return;
        messages.value = (messages.value ?? []).map((m) => (m.id === messageId ? (before.find((b) => b.id === messageId) ?? m) : m));
        actionError.value = e instanceof DeskError ? e.message : 'The reaction could not be sent. Try again.';
      }
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
      const uploadIds = attachments.images.value.map((i) => i.id);
      if (!accountId || !conversationId || (text.trim() === '' && uploadIds.length === 0)) return false;
      const item: PendingMessage = {
        localId: `local-${now()}-${Math.random()}`,
        conversationId,
        text: text.trim() || (uploadIds.length === 1 ? 'Photo' : `${uploadIds.length} photos`),
        createdTime: now(),
      };
      batch(() => {
        pending.value = [...pending.value, item];
        sendError.value = null;
        restoredDraft.value = null;
      });
      try {
        await deps.request('send', { accountId, conversationId, text, uploadIds });
        attachments.clearSent(uploadIds);
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
          // Images that did go out are gone from the store; the rest stay attached for a retry.
          await attachments.load(accountId, conversationId);
          await Promise.all([loadMessages(), loadAccountData()]);
        }
        return false;
      } finally {
        pending.value = pending.value.filter((p) => p.localId !== item.localId);
      }
    },
  };
}
