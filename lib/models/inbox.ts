/**
 * The side panel's state: accounts, the selected account's conversations, the open thread, its
 * outbox and draft, read state and sync status. It reads the cache directly, re-reads on the
 * background's notices, and asks the background to act (connect, refresh, send, react).
 */
import { batch, computed, signal } from '@preact/signals';
import { isUnread } from '../attention';
import type { ContactProfile } from '../contacts/profile';
import type { Account, Conversation, Draft, Message, OpenedState, OutboxItem, SyncState } from '../db/schema';
import { DeskError } from '../errors';
import type { Notice, RequestName, Requests } from '../messaging/protocol';
import { reactionBlocker, withOwnReaction } from '../policy/reactions';
import { needsReply } from '../policy/reply-window';
import { createAttachmentsModel, type AttachmentsDeps } from './attachments';
import { FIRST_PAINT_ROWS, type FirstPaint } from './first-paint';
import { THREAD_PAGE, THREAD_WINDOW } from './thread-window';
import { logDiagnostic } from '../diagnostics';

export type ListFilter = 'all' | 'needs-reply';

export interface InboxDeps extends AttachmentsDeps {
  listAccounts(): Promise<Account[]>;
  listConversations(accountId: string): Promise<Conversation[]>;
  /** Newest first: the `limit` messages at or before `before`. */
  listMessagesPage(conversationId: string, opts: { before?: number; limit: number }): Promise<Message[]>;
  /** Oldest first: every message from `since` on (the oldest `limit` of them when given). */
  listMessagesSince(conversationId: string, since: number, limit?: number): Promise<Message[]>;
  /** The newest conversations of an account, for painting before the whole list is read. */
  listConversationsPage?(accountId: string, limit: number): Promise<Conversation[]>;
  getSyncState(accountId: string): Promise<SyncState | undefined>;
  /** Rows of some conversations (to refresh only what a notice says changed). */
  getConversations?(ids: string[]): Promise<Conversation[]>;
  listOutbox(conversationId: string): Promise<OutboxItem[]>;
  getDraft(conversationId: string): Promise<Draft | undefined>;
  saveDraft(draft: Draft): Promise<void>;
  getOpenedStates(): Promise<OpenedState[]>;
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
  onNotice(listener: (notice: Notice) => void): () => void;
  /** Remembers the open conversation per account (restored when the inbox opens again). */
  rememberOpen?(accountId: string, conversationId: string | null): void;
  now?: () => number;
  /** Debounce for saving drafts while typing. */
  draftDelayMs?: number;
}

export type InboxModel = ReturnType<typeof createInboxModel>;

export { THREAD_PAGE, THREAD_WINDOW } from './thread-window';
/** Rows painted from the cache before the whole list is read. */
const FIRST_ROWS = 40;

export function createInboxModel(deps: InboxDeps) {
  const now = deps.now ?? Date.now;
  const accounts = signal<Account[] | null>(null);
  const selectedAccountId = signal<string | null>(null);
  const conversations = signal<Conversation[] | null>(null);
  const syncState = signal<SyncState | null>(null);
  const selectedConversationId = signal<string | null>(null);
  const messages = signal<Message[] | null>(null);
  const outbox = signal<OutboxItem[]>([]);
  /** More cached history exists above the loaded window. */
  const hasOlder = signal(false);
  /** Newer messages exist below the loaded window (the person scrolled far back in history). */
  const hasNewer = signal(false);
  /** The message to scroll to (a search result), once. */
  const focusMessageId = signal<string | null>(null);
  const draft = signal('');
  const opened = signal<Map<string, number>>(new Map());
  const refreshing = signal(false);
  const sendError = signal<string | null>(null);
  const connectError = signal<DeskError | null>(null);
  const connecting = signal(false);
  const filter = signal<ListFilter>('all');
  /** A failed action on the open thread (e.g. a reaction Instagram refused). */
  const actionError = signal<string | null>(null);
  const contactOpen = signal(false);
  const profile = signal<ContactProfile | null>(null);
  const profileError = signal<string | null>(null);
  // The reply box shows only images of no reply in the outbox: a queued or failed reply keeps its
  // own, and offering them again would send them twice.
  const attachments = createAttachmentsModel({
    ...deps,
    listUploads: async (conversationId) => {
      const [uploads, items] = await Promise.all([deps.listUploads(conversationId), deps.listOutbox(conversationId)]);
      const held = new Set(items.flatMap((i) => i.uploadIds));
      return uploads.filter((u) => !held.has(u.id));
    },
  });

  const selectedAccount = computed(() => accounts.value?.find((a) => a.id === selectedAccountId.value) ?? null);
  const selectedConversation = computed(() => conversations.value?.find((c) => c.id === selectedConversationId.value) ?? null);
  /**
   * A reply of this conversation is on its way: Send waits for it. One waiting for Instagram's rate
   * limit (or being checked) does not hold the box: what is written next queues behind it.
   */
  const sending = computed(() => outbox.value.some((o) => o.state === 'sending' || (o.state === 'queued' && !o.notBefore)));
  const syncing = computed(() => refreshing.value || syncState.value?.running === true);
  /** Waiting customers first: the one waiting longest on top. */
  const needsReplyList = computed(() =>
    (conversations.value ?? []).filter(needsReply).sort((a, b) => (a.lastInboundTime ?? 0) - (b.lastInboundTime ?? 0)),
  );
  const visibleConversations = computed(() => (filter.value === 'needs-reply' ? needsReplyList.value : conversations.value));
  const unreadIds = computed(() => {
    const account = selectedAccount.value;
    const set = new Set<string>();
    if (!account) return set;
    for (const c of conversations.value ?? []) {
      if (c.id !== selectedConversationId.value && isUnread(c, opened.value.get(c.id), account.connectedAt)) set.add(c.id);
    }
    return set;
  });

  let loadToken = 0;
  let fullLoads = 0;
  /** The accounts changed (one may be disconnected) and are being read again. */
  const accountsStale = signal(false);
  /** The rows on screen come from the last session's snapshot, not yet from the cache. */
  let fromSnapshot = false;
  /** The first rows of the account the inbox opens on, read while accounts are still being read. */
  let firstRows: { accountId: string; rows: Promise<Conversation[]> } | null = null;
  let draftTimer: ReturnType<typeof setTimeout> | undefined;

  /** Reads the accounts; with none selected, selects `preferred` (the one asked for) or the first. */
  async function loadAccounts(preferred?: string): Promise<void> {
    const list = await deps.listAccounts();
    const current = selectedAccountId.value;
    batch(() => {
      accounts.value = list;
      if (!current || !list.some((a) => a.id === current)) {
        selectedAccountId.value = list.find((a) => a.id === preferred)?.id ?? list[0]?.id ?? null;
        selectedConversationId.value = null;
        messages.value = null;
        conversations.value = null;
      }
    });
    if (selectedAccountId.value !== current || fromSnapshot) await loadAccountData();
  }

  async function loadAccountData(): Promise<void> {
    fullLoads += 1;
    try {
      await readAccountData();
    } finally {
      fullLoads -= 1;
    }
  }

  async function readAccountData(): Promise<void> {
    const accountId = selectedAccountId.value;
    const token = ++loadToken;
    if (!accountId) {
      batch(() => {
        conversations.value = null;
        syncState.value = null;
      });
      return;
    }
    if ((conversations.value === null || fromSnapshot) && deps.listConversationsPage) {
      // Paint the first rows at once (or put the cache's in place of the last session's); a
      // 10,000-conversation list follows a moment later.
      const early = firstRows?.accountId === accountId ? firstRows.rows : null;
      firstRows = null;
      const first = await (early ?? deps.listConversationsPage(accountId, FIRST_ROWS));
      if (token === loadToken && (conversations.value === null || fromSnapshot)) {
        if (first.length > 0 || fromSnapshot) conversations.value = first;
        fromSnapshot = false;
      }
    }
    const [list, state] = await Promise.all([deps.listConversations(accountId), deps.getSyncState(accountId)]);
    if (token !== loadToken) return;
    fromSnapshot = false;
    batch(() => {
      conversations.value = list;
      syncState.value = state ?? null;
    });
  }

  async function loadSyncState(accountId: string): Promise<void> {
    const state = await deps.getSyncState(accountId);
    if (selectedAccountId.value === accountId) syncState.value = state ?? null;
  }

  /**
   * Re-reads only the rows a notice names and puts them in place: with 10,000 conversations a
   * whole-list read on every change would compete with what the person is doing.
   */
  async function refreshRows(ids: string[]): Promise<void> {
    const accountId = selectedAccountId.value;
    if (!deps.getConversations || !accountId) return;
    // A whole-list read is under way (it may have started before this change was written):
    // read again, the newest read wins.
    if (conversations.value === null || fullLoads > 0) return loadAccountData();
    const rows = (await deps.getConversations(ids)).filter((c) => c.accountId === accountId);
    const current = conversations.value;
    if (!current || selectedAccountId.value !== accountId) return;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const kept = current.filter((c) => !byId.has(c.id));
    conversations.value = [...kept, ...rows].sort((a, b) => b.updatedTime - a.updatedTime);
  }

  async function loadOpened(): Promise<void> {
    opened.value = new Map((await deps.getOpenedStates()).map((o) => [o.conversationId, o.openedAt]));
  }

  /**
   * (Re)reads the open thread: the newest page the first time; afterwards the loaded window again
   * from its oldest message, so scrolled-in history stays and new messages appear (unless the
   * person is reading far back, where the window stays as it is).
   */
  async function loadMessages(): Promise<void> {
    const conversationId = selectedConversationId.value;
    if (!conversationId) {
      messages.value = null;
      return;
    }
    const current = messages.value;
    const oldest = current?.[0]?.createdTime;
    if (oldest === undefined) return loadNewest(conversationId);
    const inHistory = hasNewer.value;
    const [read, queued] = await Promise.all([
      deps.listMessagesSince(conversationId, oldest, inHistory ? current?.length : undefined),
      deps.listOutbox(conversationId),
    ]);
    if (selectedConversationId.value !== conversationId) return;
    // Many new messages at once: let go of the oldest rather than grow without end.
    const trim = !inHistory && read.length > THREAD_WINDOW + THREAD_PAGE;
    batch(() => {
      messages.value = trim ? read.slice(-THREAD_WINDOW) : read;
      outbox.value = queued;
      if (trim) hasOlder.value = true;
    });
  }

  /** The newest page of a thread, and what is queued to send. */
  async function loadNewest(conversationId: string): Promise<void> {
    const [page, queued] = await Promise.all([
      deps.listMessagesPage(conversationId, { limit: THREAD_PAGE }),
      deps.listOutbox(conversationId),
    ]);
    if (selectedConversationId.value !== conversationId) return;
    batch(() => {
      messages.value = page.reverse();
      outbox.value = queued;
      hasOlder.value = page.length >= THREAD_PAGE;
      hasNewer.value = false;
    });
  }

  let loadingOlder = false;
  /** The page before the loaded window; past the window's size the newest messages are let go. */
  async function loadOlder(): Promise<void> {
    const conversationId = selectedConversationId.value;
    const current = messages.value;
    const oldest = current?.[0];
    if (!conversationId || !current || !oldest || !hasOlder.value || loadingOlder) return;
    loadingOlder = true;
    try {
      const page = await deps.listMessagesPage(conversationId, { before: oldest.createdTime, limit: THREAD_PAGE + 1 });
      if (selectedConversationId.value !== conversationId || messages.value !== current) return;
      const known = new Set(current.map((m) => m.id));
      const older = page.filter((m) => !known.has(m.id)).reverse();
      const next = [...older, ...current];
      batch(() => {
        messages.value = next.slice(0, THREAD_WINDOW);
        hasOlder.value = page.length > THREAD_PAGE && older.length > 0;
        if (next.length > THREAD_WINDOW) hasNewer.value = true;
      });
    } finally {
      loadingOlder = false;
    }
  }

  let loadingNewer = false;
  /** The page after the loaded window (reading back down from history); the oldest are let go. */
  async function loadNewer(): Promise<void> {
    const conversationId = selectedConversationId.value;
    const current = messages.value;
    const newest = current?.[current.length - 1];
    if (!conversationId || !current || !newest || !hasNewer.value || loadingNewer) return;
    loadingNewer = true;
    try {
      const page = await deps.listMessagesSince(conversationId, newest.createdTime, THREAD_PAGE + 1);
      if (selectedConversationId.value !== conversationId || messages.value !== current) return;
      const known = new Set(current.map((m) => m.id));
      const newer = page.filter((m) => !known.has(m.id));
      const next = [...current, ...newer];
      const trimmed = Math.max(0, next.length - THREAD_WINDOW);
      batch(() => {
        messages.value = next.slice(trimmed);
        hasNewer.value = page.length > THREAD_PAGE && newer.length > 0;
        if (trimmed > 0) hasOlder.value = true;
      });
    } finally {
      loadingNewer = false;
    }
  }

  /** A refused outbox action: its reason shows above the thread (and goes to the diagnostics log). */
  function showOutboxRefusal(e: unknown, fallback: string): void {
    logDiagnostic('ui', 'The background refused an outbox action', e);
    actionError.value = e instanceof DeskError ? e.message : fallback;
  }

  async function loadOutbox(): Promise<void> {
    const conversationId = selectedConversationId.value;
    if (!conversationId) return;
    const queued = await deps.listOutbox(conversationId);
    if (selectedConversationId.value === conversationId) outbox.value = queued;
  }

  async function syncNow(accountId: string): Promise<void> {
    try {
      await deps.request('sync', { accountId });
    } catch (e) {
      // The failure is recorded in the sync state, which the UI shows with its way forward.
      logDiagnostic('ui', 'A sync asked for by the inbox failed', e);
    }
  }

  function flushDraft(): void {
    if (draftTimer === undefined) return;
    clearTimeout(draftTimer);
    draftTimer = undefined;
    const accountId = selectedAccountId.value;
    const conversationId = selectedConversationId.value;
    if (accountId && conversationId) void deps.saveDraft({ accountId, conversationId, text: draft.value, updatedAt: now() });
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
    if (notice.type === 'accounts-changed') {
      // An account may be gone: what is on screen is not to be kept until the accounts are read.
      accountsStale.value = true;
      void loadAccounts().finally(() => (accountsStale.value = false));
    } else if (notice.type === 'read-changed') void loadOpened();
    else if (notice.type === 'upload-progress') {
      if (notice.conversationId === selectedConversationId.value) attachments.setState(notice.uploadId, notice.state);
    } else if (notice.type === 'outbox-changed') {
      if (notice.conversationId === selectedConversationId.value) void loadMessages();
    } else if (notice.accountId === selectedAccountId.value) {
      if (notice.type === 'sync-changed') void loadSyncState(notice.accountId);
      else if (deps.getConversations && conversations.value && notice.conversationIds.length <= 50)
        void refreshRows(notice.conversationIds);
      else void loadAccountData();
      if (
        notice.type === 'conversations-changed' &&
        selectedConversationId.value &&
        notice.conversationIds.includes(selectedConversationId.value)
      ) {
        void loadMessages();
        // New messages in the open thread are read as they arrive.
        void deps
          .request('markOpened', { accountId: notice.accountId, conversationId: selectedConversationId.value })
          .catch((e: unknown) => logDiagnostic('ui', 'Could not mark the open conversation read', e));
      }
    }
  }

  async function openConversation(conversationId: string, focus?: { messageId: string; createdTime: number }): Promise<void> {
    flushDraft();
    batch(() => {
      selectedConversationId.value = conversationId;
      focusMessageId.value = focus?.messageId ?? null;
      hasOlder.value = false;
      hasNewer.value = false;
      messages.value = null;
      outbox.value = [];
      draft.value = '';
      sendError.value = null;
      actionError.value = null;
      profile.value = null;
      profileError.value = null;
    });
    const accountId = selectedAccountId.value;
    const [, saved] = await Promise.all([
      focus ? loadAround(conversationId, focus.createdTime) : loadMessages(),
      deps.getDraft(conversationId),
      accountId ? attachments.load(accountId, conversationId) : null,
    ]);
    if (selectedConversationId.value === conversationId && draft.value === '') draft.value = saved?.text ?? '';
    // After the thread is on screen: marking it read makes the background recount the badge,
    // which reads every conversation and would otherwise compete with loading the thread.
    if (accountId) {
      deps.rememberOpen?.(accountId, conversationId);
      void deps
        .request('markOpened', { accountId, conversationId })
        .catch((e: unknown) => logDiagnostic('ui', 'Could not mark the conversation read', e));
    }
    if (contactOpen.value) await loadProfile();
  }

  /** Loads the thread around `time` (to show a search hit): a little before it, a page from it. */
  async function loadAround(conversationId: string, time: number): Promise<void> {
    const [before, after, queued] = await Promise.all([
      deps.listMessagesPage(conversationId, { before: time, limit: 11 }),
      deps.listMessagesSince(conversationId, time, THREAD_PAGE + 1),
      deps.listOutbox(conversationId),
    ]);
    if (selectedConversationId.value !== conversationId) return;
    const known = new Set(after.map((m) => m.id));
    const context = before.filter((m) => !known.has(m.id)).reverse();
    batch(() => {
      messages.value = [...context, ...after];
      outbox.value = queued;
      hasOlder.value = before.length > 10;
      hasNewer.value = after.length > THREAD_PAGE;
    });
  }

  return {
    hasOlder,
    hasNewer,
    focusMessageId,
    loadOlder,
    loadNewer,
    /** Back to the newest messages (from far back in history). */
    jumpToNewest: async (): Promise<void> => {
      const conversationId = selectedConversationId.value;
      if (conversationId) await loadNewest(conversationId);
    },
    accounts,
    selectedAccountId,
    selectedAccount,
    conversations,
    visibleConversations,
    needsReplyList,
    unreadIds,
    syncState,
    selectedConversationId,
    selectedConversation,
    messages,
    outbox,
    draft,
    sending,
    syncing,
    sendError,
    actionError,
    connectError,
    connecting,
    filter,
    contactOpen,
    profile,
    profileError,
    attachments,

    /**
     * Paints what the side panel showed last (before anything is read); `start` replaces it with
     * the cache a moment later. Ignored once anything is on screen.
     */
    paintSnapshot(snapshot: FirstPaint): void {
      if (accounts.value !== null) return;
      batch(() => {
        accounts.value = snapshot.accounts;
        selectedAccountId.value = snapshot.accountId;
        conversations.value = snapshot.rows;
        opened.value = new Map(snapshot.opened);
      });
      fromSnapshot = true;
    },

    /** What to paint first next time (null while the screen shows no cached rows of its own). */
    snapshot: computed((): Omit<FirstPaint, 'version'> | null => {
      const list = conversations.value;
      const accountId = selectedAccountId.value;
      const all = accounts.value;
      if (!list || !accountId || !all || all.length === 0 || accountsStale.value) return null;
      const rows = list.slice(0, FIRST_PAINT_ROWS);
      const openedAt = opened.value;
      return {
        accountId,
        accounts: all,
        rows,
        opened: rows.flatMap((r): Array<[string, number]> => {
          const at = openedAt.get(r.id);
          return at === undefined ? [] : [[r.id, at]];
        }),
      };
    }),

    /** Paints from the cache, listens for changes, then asks the background for fresh data. */
    async start(initial?: { accountId?: string; conversationId?: string | null }): Promise<() => void> {
      const unsubscribe = deps.onNotice(onNotice);
      if (initial?.accountId && deps.listConversationsPage) {
        // Only a head start: should it fail, the whole list is read right after, as without it.
        const rows = deps.listConversationsPage(initial.accountId, FIRST_ROWS).catch((e: unknown) => {
          logDiagnostic('ui', 'Could not read the first rows ahead of the list', e);
          return [];
        });
        firstRows = { accountId: initial.accountId, rows };
      }
      await Promise.all([loadAccounts(initial?.accountId), loadOpened()]);
      if (initial?.accountId && initial.accountId !== selectedAccountId.value && accounts.value?.some((a) => a.id === initial.accountId)) {
        await this.selectAccount(initial.accountId, { sync: false });
      }
      if (initial?.conversationId && conversations.value?.some((c) => c.id === initial.conversationId)) {
        await openConversation(initial.conversationId);
      }
      const first = selectedAccountId.value;
      if (first) void syncNow(first);
      return unsubscribe;
    },

    async selectAccount(accountId: string, opts: { sync?: boolean } = {}): Promise<void> {
      if (accountId === selectedAccountId.value) return;
      flushDraft();
      batch(() => {
        selectedAccountId.value = accountId;
        selectedConversationId.value = null;
        messages.value = null;
        outbox.value = [];
        conversations.value = null;
        syncState.value = null;
        sendError.value = null;
      });
      await loadAccountData();
      if (opts.sync !== false) void syncNow(accountId);
    },

    openConversation,

    closeConversation(): void {
      flushDraft();
      const accountId = selectedAccountId.value;
      if (accountId) deps.rememberOpen?.(accountId, null);
      batch(() => {
        selectedConversationId.value = null;
        messages.value = null;
        outbox.value = [];
        sendError.value = null;
        actionError.value = null;
      });
    },

    /** The reply box changed: keep it, and save it shortly after typing stops. */
    setDraft(text: string): void {
      draft.value = text;
      clearTimeout(draftTimer);
      draftTimer = setTimeout(flushDraft, deps.draftDelayMs ?? 300);
    },

    setFilter(next: ListFilter): void {
      filter.value = next;
    },

    async toggleContact(): Promise<void> {
      contactOpen.value = !contactOpen.value;
      if (contactOpen.value && !profile.value) await loadProfile();
    },

    refreshProfile: () => loadProfile(true),

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

    /**
     * Sends the reply in the box (and attached images) through the persistent outbox. The box
     * empties once the reply is safely stored; if it cannot even be stored, the text stays.
     */
    async send(): Promise<boolean> {
      const accountId = selectedAccountId.value;
      const conversationId = selectedConversationId.value;
      const text = draft.value;
      const uploadIds = attachments.images.value.map((i) => i.id);
      if (!accountId || !conversationId || (text.trim() === '' && uploadIds.length === 0)) return false;
      sendError.value = null;
      try {
        await deps.request('send', { accountId, conversationId, text, uploadIds });
        if (selectedConversationId.value === conversationId) {
          clearTimeout(draftTimer);
          draftTimer = undefined;
          draft.value = '';
          attachments.clearSent(uploadIds);
        }
        await deps.saveDraft({ accountId, conversationId, text: '', updatedAt: now() });
        // The reply shows at the end of the thread: come back there from far back in history.
        if (hasNewer.value && selectedConversationId.value === conversationId) await loadNewest(conversationId);
        else await loadMessages();
        return true;
      } catch (e) {
        if (selectedConversationId.value === conversationId) {
          sendError.value = `Not sent. ${e instanceof DeskError ? e.message : 'The message could not be queued. Try again.'}`;
        }
        return false;
      }
    },

    /** Sends a failed reply again. If the background refuses (it is still checking), the reason shows. */
    async retry(outboxId: string): Promise<void> {
      actionError.value = null;
      await deps.request('retrySend', { outboxId }).catch((e: unknown) => showOutboxRefusal(e, 'The reply could not be sent again.'));
      await loadOutbox();
    },

    async discard(outboxId: string): Promise<void> {
      actionError.value = null;
      await deps.request('discardSend', { outboxId }).catch((e: unknown) => showOutboxRefusal(e, 'The reply could not be deleted.'));
      await loadOutbox();
    },

    /**
     * Takes a failed reply back into the box to change it: its text (what did not go out yet) and
     * its images, which stay stored and show in the box again.
     */
    async edit(outboxId: string): Promise<void> {
      const item = outbox.value.find((o) => o.id === outboxId);
      if (!item) return;
      const accountId = selectedAccountId.value;
      const conversationId = selectedConversationId.value;
      actionError.value = null;
      try {
        await deps.request('discardSend', { outboxId, keepImages: true });
      } catch (e) {
        // Refused (DM Desk is still checking whether it was sent): the reply stays where it is.
        showOutboxRefusal(e, 'The reply could not be taken back for editing.');
        await loadOutbox();
        return;
      }
      const text = item.sentParts.includes('text') ? '' : item.text;
      if (text !== '') this.setDraft(draft.value.trim() === '' ? text : `${draft.value}\n${text}`);
      if (accountId && conversationId && item.uploadIds.length > 0 && !item.sentParts.includes('images')) {
        await attachments.load(accountId, conversationId);
      }
      await loadOutbox();
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
  };
}
