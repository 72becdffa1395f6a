/**
 * The side panel's coordinator: the accounts and which one is selected (with its
 * ConversationListModel), the open thread (a ThreadModel made when it opens and disposed when it
 * closes), read state, connect and refresh, the background's change notices (passed on to the list
 * and the thread) and the first-paint snapshot. It reads the cache directly and asks the
 * background to act.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Account, Conversation, OpenedState } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { t } from '../i18n';
import type { Notice } from '../messaging/protocol';
import { createConversationListModel, FIRST_ROWS, type ConversationListDeps, type ConversationListModel } from './conversation-list';
import { FIRST_PAINT_ROWS, type FirstPaint } from './first-paint';
import { startupGate, type StartupDeps } from './inbox-startup';
import { createThreadModel, type ThreadDeps, type ThreadModel } from './thread';

export type { DeskView } from './conversation-list';
export { THREAD_PAGE, THREAD_WINDOW } from './thread-window';

export interface InboxDeps extends ConversationListDeps, ThreadDeps, StartupDeps {
  listAccounts(): Promise<Account[]>;
  getOpenedStates(): Promise<OpenedState[]>;
  onNotice(listener: (notice: Notice) => void): () => void;
  /** Remembers the open conversation per account (restored when the inbox opens again). */
  rememberOpen?(accountId: string, conversationId: string | null): void;
  /** Resolves once a thread can be drawn (its view's code loads apart from the list's). */
  prepareThread?(): Promise<void>;
  /** The page's clock and time zone (the list's snoozes end on it; toasts show times in it). */
  clock?: ReadonlySignal<number>;
  timeZone?: ReadonlySignal<string | undefined>;
}

export type InboxModel = ReturnType<typeof createInboxModel>;

export function createInboxModel(deps: InboxDeps) {
  const accounts = signal<Account[] | null>(null);
  const selectedAccountId = signal<string | null>(null);
  const list = signal<ConversationListModel | null>(null);
  const thread = signal<ThreadModel | null>(null);
  /** When each conversation was last opened (read state). */
  const opened = signal<Map<string, number>>(new Map());
  const refreshing = signal(false);
  const connectError = signal<DeskError | null>(null);
  const connecting = signal(false);
  /** The contact panel is open (it stays open from one thread to the next). */
  const contactOpen = signal(false);
  /** The accounts changed (one may be disconnected) and are being read again. */
  const accountsStale = signal(false);
  /** The first rows of the account the inbox opens on, read while accounts are still being read. */
  let firstRows: { accountId: string; rows: Promise<Conversation[]> } | null = null;
  /** Bumped by every open, close and account change: an open still waiting for the thread's code gives way. */
  let threadTurn = 0;
  const startup = startupGate(deps); // the whole list waits for the first rows' paint

  const selectedAccount = computed(() => accounts.value?.find((a) => a.id === selectedAccountId.value) ?? null);
  const selectedConversationId = computed(() => thread.value?.conversationId ?? null);
  const selectedConversation = computed(() => list.value?.conversations.value?.find((c) => c.id === selectedConversationId.value) ?? null);
  const syncing = computed(() => refreshing.value || list.value?.syncState.value?.running === true);

  /**
   * Selects an account (or none): the open thread closes (its draft saved), and a new list takes
   * the old one's place (keeping its filter).
   */
  function select(accountId: string | null, snapshotRows?: Conversation[]): ConversationListModel | null {
    threadTurn += 1;
    thread.value?.dispose();
    const previous = list.value;
    previous?.dispose();
    const next = accountId
      ? createConversationListModel(startup.listDeps, {
          accountId,
          account: selectedAccount,
          opened,
          openId: selectedConversationId,
          view: previous?.view.value,
          now: deps.clock,
          timeZone: deps.timeZone,
          snapshotRows,
        })
      : null;
    batch(() => {
      thread.value = null;
      selectedAccountId.value = accountId;
      list.value = next;
    });
    return next;
  }

  /** Reads an account's first rows ahead of its list (only a head start: the list reads them itself should this fail). */
  function readFirstRows(accountId: string): void {
    if (!deps.listConversationsPage) return;
    const rows = deps.listConversationsPage(accountId, FIRST_ROWS).catch((e: unknown) => {
      logDiagnostic('ui', 'Could not read the first rows ahead of the list', e);
      return [];
    });
    firstRows = { accountId, rows };
  }

  /** The first rows read ahead for this account, once. */
  function takeFirstRows(accountId: string): Promise<Conversation[]> | undefined {
    const early = firstRows?.accountId === accountId ? firstRows.rows : undefined;
    firstRows = null;
    return early;
  }

  /** Reads the accounts (or takes `known`); with none selected, selects `preferred` or the first. */
  async function loadAccounts(preferred?: string, known?: Account[]): Promise<void> {
    const all = known ?? (await deps.listAccounts());
    const current = selectedAccountId.value;
    const target = current && all.some((a) => a.id === current) ? current : (all.find((a) => a.id === preferred)?.id ?? all[0]?.id ?? null);
    // The first rows are asked for before anything renders the accounts: the page's first render
    // runs ahead of any read issued after it.
    if (target && (target !== current || list.value?.fromSnapshot()) && firstRows?.accountId !== target) readFirstRows(target);
    batch(() => {
      accounts.value = all;
      if (!current || !all.some((a) => a.id === current)) select(all.find((a) => a.id === preferred)?.id ?? all[0]?.id ?? null);
    });
    const rows = list.value;
    if (rows && (rows.accountId !== current || rows.fromSnapshot())) await rows.load(takeFirstRows(rows.accountId));
  }

  async function loadOpened(): Promise<void> {
    opened.value = new Map((await deps.getOpenedStates()).map((o) => [o.conversationId, o.openedAt]));
  }

  async function syncNow(accountId: string): Promise<void> {
    try {
      await deps.request('sync', { accountId });
    } catch (e) {
      // The failure is recorded in the sync state, which the UI shows with its way forward.
      logDiagnostic('ui', 'A sync asked for by the inbox failed', e);
    }
  }

  function onNotice(notice: Notice): void {
    if (notice.type === 'accounts-changed') {
      // An account may be gone: what is on screen is not to be kept until the accounts are read.
      accountsStale.value = true;
      void loadAccounts()
        .catch((e: unknown) => logDiagnostic('ui', 'Could not read the accounts again', e))
        .finally(() => (accountsStale.value = false));
    } else if (notice.type === 'read-changed') {
      void loadOpened().catch((e: unknown) => logDiagnostic('ui', 'Could not read which conversations were opened', e));
    } else {
      list.value?.onNotice(notice);
      thread.value?.onNotice(notice);
    }
  }

  async function selectAccount(accountId: string, opts: { sync?: boolean } = {}): Promise<void> {
    if (accountId === selectedAccountId.value) return;
    await select(accountId)?.load();
    if (opts.sync !== false) void syncNow(accountId);
  }

  async function openConversation(conversationId: string, focus?: { messageId: string; createdTime: number }): Promise<void> {
    const turn = ++threadTurn;
    if (deps.prepareThread) {
      await deps.prepareThread();
      if (turn !== threadTurn) return;
    }
    const accountId = selectedAccountId.value;
    if (!accountId) return;
    thread.value?.dispose();
    const account = selectedAccount.value ?? { id: accountId, username: '' };
    const next = createThreadModel(deps, { account, conversationId, focus });
    thread.value = next;
    if (!(await next.load())) return;
    deps.rememberOpen?.(accountId, conversationId);
    if (contactOpen.value) await next.showProfile();
  }

  function closeConversation(): void {
    threadTurn += 1;
    thread.value?.dispose();
    thread.value = null;
    const accountId = selectedAccountId.value;
    if (accountId) deps.rememberOpen?.(accountId, null);
  }

  return {
    accounts: accounts as ReadonlySignal<Account[] | null>,
    selectedAccountId: selectedAccountId as ReadonlySignal<string | null>,
    selectedAccount,
    /** The selected account's conversation list (null with no account). */
    list: list as ReadonlySignal<ConversationListModel | null>,
    /** The open thread (null when none is open). */
    thread: thread as ReadonlySignal<ThreadModel | null>,
    selectedConversationId,
    selectedConversation,
    syncing,
    connectError: connectError as ReadonlySignal<DeskError | null>,
    connecting: connecting as ReadonlySignal<boolean>,
    contactOpen: contactOpen as ReadonlySignal<boolean>,

    /**
     * Paints what the side panel showed last (before anything is read); `start` replaces it with
     * the cache a moment later. Ignored once anything is on screen.
     */
    paintSnapshot(snapshot: FirstPaint): void {
      if (accounts.value !== null) return;
      batch(() => {
        accounts.value = snapshot.accounts;
        opened.value = new Map(snapshot.opened);
        select(snapshot.accountId, snapshot.rows);
      });
    },

    /** What to paint first next time (null while the screen shows no cached rows of its own). */
    snapshot: computed((): Omit<FirstPaint, 'version'> | null => {
      const rows = list.value?.conversations.value;
      const accountId = selectedAccountId.value;
      const all = accounts.value;
      const stale = accountsStale.value;
      const openedAt = opened.value;
      if (!rows || !accountId || !all || all.length === 0 || stale) return null;
      const first = rows.slice(0, FIRST_PAINT_ROWS);
      return {
        accountId,
        accounts: all,
        rows: first,
        opened: first.flatMap((r): Array<[string, number]> => {
          const at = openedAt.get(r.id);
          return at === undefined ? [] : [[r.id, at]];
        }),
      };
    }),

    /** Paints from the cache (with the `accounts` the page just read), then asks for fresh data. */
    async start(initial?: { accountId?: string; conversationId?: string | null; accounts?: Account[] }): Promise<() => void> {
      const unsubscribe = deps.onNotice(onNotice);
      const openedRead = loadOpened(); // asked first: in when the first rows are drawn (drawn once)
      if (initial?.accountId) readFirstRows(initial.accountId);
      await Promise.all([openedRead, loadAccounts(initial?.accountId, initial?.accounts)]);
      if (initial?.accountId && initial.accountId !== selectedAccountId.value && accounts.value?.some((a) => a.id === initial.accountId)) {
        await selectAccount(initial.accountId, { sync: false });
      }
      if (initial?.conversationId && list.value?.conversations.value?.some((c) => c.id === initial.conversationId)) {
        await openConversation(initial.conversationId);
      }
      const first = selectedAccountId.value;
      if (first) void syncNow(first);
      return unsubscribe;
    },

    selectAccount,
    openConversation,

    /**
     * Marks the open conversation done and opens the next one waiting in the current view (the
     * support desk's "Close & Next"); with none left, back to the list.
     */
    async doneAndNext(): Promise<void> {
      const rows = list.value;
      const id = selectedConversationId.value;
      if (!rows || !id) return;
      const next = rows.nextAfter(id);
      if (!(await rows.act(id, { kind: 'done' }))) return;
      if (next) await openConversation(next);
      else closeConversation();
    },

    closeConversation,

    async toggleContact(): Promise<void> {
      contactOpen.value = !contactOpen.value;
      if (contactOpen.value) await thread.value?.showProfile();
    },

    async refresh(): Promise<void> {
      const rows = list.value;
      if (!rows) return;
      refreshing.value = true;
      try {
        await syncNow(rows.accountId);
      } finally {
        refreshing.value = false;
      }
      await rows.load();
    },

    async connect(): Promise<void> {
      connecting.value = true;
      connectError.value = null;
      try {
        await deps.request('connect', {});
        await loadAccounts();
      } catch (e) {
        connectError.value = e instanceof DeskError ? e : new DeskError('failed', t('inbox.connectFailed'));
      } finally {
        connecting.value = false;
      }
    },
  };
}
