/**
 * One account's conversation list in the side panel: its rows (the first ones fast, then the whole
 * list), the desk views (Inbox, Needs reply, Snoozed, Done, Pinned) with the label filter, the desk
 * actions, the sync state and which rows are unread. Made when an account is selected
 * and disposed when another one is: a read it started that answers later changes nothing.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Account, Conversation, ConversationDesk, SyncState } from '../db/schema';
import type { DeskChange } from '../desk/changes';
import { betweenPages, type Pace } from '../db/foreground';
import { logDiagnostic } from '../diagnostics';
import { contactName } from '../format/contact-name';
import type { Notice, RequestName, Requests } from '../messaging/protocol';
import { needsReply } from '../policy/reply-window';
import { createDeskActions } from './desk-actions';
import { FIRST_PAINT_ROWS } from './first-paint';
import { rowDesk, type DeskView, type RowDesk } from './desk-views';
import { mergeRows } from './list-rows';
import { createListViews } from './list-views';
import { createNameRequests } from './name-requests';

export type { DeskView } from './desk-views';

/**
 * Rows painted from the cache before the whole list is read: as many as the snapshot paints. A
 * list this short is drawn whole in the first frame (not virtualised): 40 were twice the work.
 */
export const FIRST_ROWS = FIRST_PAINT_ROWS;
/**
 * A notice naming more rows than this (or than a quarter of the list) re-reads the whole list
 * rather than row by row. Names arrive for every row scrolled past, hundreds per notice when the
 * list is flung: read by id, they cost a few milliseconds at a time instead of a whole-list read.
 */
const ROWS_PER_NOTICE = 50;

/** How the list's whole reads go: in pages, pausing for reads a person waits for. */
export interface PacedRead {
  pace?: () => Promise<Pace>;
}

export interface ConversationListDeps {
  /** Every conversation of an account, newest first; `pace` (when given) runs before each page. */
  listConversations(accountId: string, opts?: PacedRead): Promise<Conversation[]>;
  /** The newest conversations of an account, for painting before the whole list is read. */
  listConversationsPage?(accountId: string, limit: number): Promise<Conversation[]>;
  getSyncState(accountId: string): Promise<SyncState | undefined>;
  /** Rows of some conversations (to refresh only what a notice says changed). */
  getConversations?(ids: string[]): Promise<Conversation[]>;
  /** The account's desk records (done, snoozed, pinned, labels); without it every row is open. */
  getDeskStates?(accountId: string, opts?: PacedRead): Promise<ConversationDesk[]>;
  /** Asks the background for desk changes (`updateDesk`). */
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
  /** Asks the background for the names of the contacts of rows in view (`resolveNames`). */
  resolveNames?(accountId: string, conversationIds: string[]): Promise<unknown>;
}

export interface ConversationListOptions {
  accountId: string;
  /** The account as last read (null while it is not known, e.g. a link to an account not connected). */
  account: ReadonlySignal<Account | null>;
  /** When each conversation was last opened (read state, kept by the inbox for every account). */
  opened: ReadonlySignal<Map<string, number>>;
  /** The conversation open beside the list (never shown as unread). */
  openId: ReadonlySignal<string | null>;
  view?: DeskView;
  /** The clock (a snooze ending while the list is on screen moves its row back). */
  now?: ReadonlySignal<number>;
  /** The time zone times are shown in (for the toasts). */
  timeZone?: ReadonlySignal<string | undefined>;
  /** Rows the last session showed, painted until the cache is read. */
  snapshotRows?: Conversation[];
}

export type ConversationListModel = ReturnType<typeof createConversationListModel>;

export function createConversationListModel(deps: ConversationListDeps, options: ConversationListOptions) {
  const { accountId, account, opened, openId } = options;
  const conversations = signal<Conversation[] | null>(options.snapshotRows ?? null);
  const syncState = signal<SyncState | null>(null);
  const view = signal<DeskView>(options.view ?? 'inbox');
  const desks = signal<ReadonlyMap<string, ConversationDesk>>(new Map());
  /** Label ids a row must all carry to show (AND); empty: no filter. */
  const labelFilter = signal<ReadonlySet<string>>(new Set());
  const clock: ReadonlySignal<number> = options.now === undefined ? signal(Date.now()) : options.now;
  /** The conversation the snooze menu is open for. */
  const snoozing = signal<string | null>(null);
  /** The rows on screen come from the last session's snapshot, not yet from the cache. */
  let fromSnapshot = options.snapshotRows !== undefined;
  let disposed = false;
  /** Every read result lands here, so nothing lands after dispose. */
  const write = (fn: () => void): void => {
    if (!disposed) batch(fn);
  };

  const { views, counts, labelCounts, visibleConversations, unreadIds, inPlace } = createListViews({
    conversations,
    desks,
    labelFilter,
    view,
    clock,
    account,
    opened,
    openId,
  });
  const needsReplyList = computed(() => views.value['needs-reply']);

  let loadToken = 0;
  /** Sync state reads asked for, and the latest whose answer is shown. */
  let syncReads = 0;
  let syncShown = 0;
  let fullLoads = 0;
  const names = deps.resolveNames ? createNameRequests(accountId, deps.resolveNames.bind(deps)) : null;

  /**
   * The first rows at once (when nothing of the cache is on screen yet), then the whole list.
   * `early`: the first rows, already being read (so they are not read twice).
   */
  async function load(early?: Promise<Conversation[]>): Promise<void> {
    fullLoads += 1;
    try {
      await read(early);
    } finally {
      fullLoads -= 1;
    }
  }

  async function read(early: Promise<Conversation[]> | undefined): Promise<void> {
    const token = ++loadToken;
    if ((conversations.value === null || fromSnapshot) && deps.listConversationsPage) {
      // Paint the first rows at once (or put the cache's in place of the last session's); a
      // 10,000-conversation list follows a moment later.
      const first = await (early ?? deps.listConversationsPage(accountId, FIRST_ROWS));
      if (token === loadToken && (conversations.value === null || fromSnapshot)) {
        write(() => {
          if (first.length > 0 || fromSnapshot) conversations.value = first;
        });
        fromSnapshot = false;
      }
    }
    const syncRead = ++syncReads;
    // Tens of thousands of rows: read in pages that make way for a thread's or a query's reads.
    const [list, state] = await Promise.all([
      deps.listConversations(accountId, { pace: betweenPages }),
      deps.getSyncState(accountId),
      loadDesks(),
    ]);
    // The newest read wins.
    if (token !== loadToken) return;
    fromSnapshot = false;
    write(() => {
      conversations.value = list;
      showSyncState(syncRead, state);
    });
  }

  let deskLoads = 0;
  /** Reads the account's desk records; the newest read wins. */
  async function loadDesks(): Promise<void> {
    if (!deps.getDeskStates) return;
    const mine = ++deskLoads;
    try {
      const records = await deps.getDeskStates(accountId, { pace: betweenPages });
      if (mine === deskLoads) write(() => (desks.value = new Map(records.map((d) => [d.conversationId, d]))));
    } catch (e) {
      logDiagnostic('ui', 'Could not read the desk state of the conversations', e);
    }
  }

  const actions = createDeskActions(
    {
      request: (name, payload) => deps.request(name, payload),
      now: () => Date.now(),
      timeZone: () => options.timeZone?.peek(),
    },
    accountId,
    desks,
  );

  /**
   * Reads the sync state; an answer older than one already shown is dropped. A whole-list read
   * (slow) and a notice's read (fast) can overlap: the older answer landing last would show a
   * sync as still running after it failed, until the next notice.
   */
  async function loadSyncState(): Promise<void> {
    const mine = ++syncReads;
    const state = await deps.getSyncState(accountId);
    write(() => showSyncState(mine, state));
  }

  function showSyncState(read: number, state: SyncState | undefined): void {
    if (read < syncShown) return;
    syncShown = read;
    syncState.value = state ?? null;
  }

  /**
   * Re-reads only the rows a notice names and puts them in place: with 10,000 conversations a
   * whole-list read on every change would compete with what the person is doing.
   */
  async function refreshRows(ids: string[]): Promise<void> {
    if (!deps.getConversations) return;
    // A whole-list read is under way (it may have started before this change was written):
    // read again, the newest read wins.
    if (conversations.value === null || fullLoads > 0) return load();
    const rows = (await deps.getConversations(ids)).filter((c) => c.accountId === accountId);
    write(() => {
      const current = conversations.value;
      if (!current || rows.length === 0) return;
      // Rows change in place (a name arriving does not move a row among others of the same time);
      // new ones join, and the newest stay first.
      const merged = mergeRows(current, rows);
      inPlace(merged.inPlace);
      conversations.value = merged.rows;
    });
  }

  return {
    accountId,
    conversations: conversations as ReadonlySignal<Conversation[] | null>,
    visibleConversations,
    needsReplyList,
    unreadIds,
    syncState: syncState as ReadonlySignal<SyncState | null>,
    view: view as ReadonlySignal<DeskView>,
    /** Each view's conversations (after the label filter). */
    views,
    counts,
    desks,
    labelFilter: labelFilter as ReadonlySignal<ReadonlySet<string>>,
    labelCounts,
    /** The last desk action's announcement, with Undo. */
    toast: actions.toast,
    undo: actions.undo,
    dismissToast: actions.dismiss,

    /** Done, snooze, pin…: one conversation, announced with Undo. False when it failed (the toast says why). */
    act(conversationId: string, change: DeskChange): Promise<boolean> {
      const row = conversations.value?.find((c) => c.id === conversationId);
      return actions.act(conversationId, change, contactName(row?.participant).primary);
    },
    /** The rows on screen still come from the last session (not yet read from the cache). */
    fromSnapshot: (): boolean => fromSnapshot,
    load,

    /** A row is on screen: its contact's name is asked for (once, gathered with the others in view). */
    rowInView(conversation: Conversation): void {
      if (!disposed) names?.inView(conversation);
    },

    /** What a row says about its desk state (pinned, snoozed until…, back because…). */
    rowDesk(c: Conversation, now: number, timeZone: string | undefined): RowDesk {
      return rowDesk(c, desks.value.get(c.id), opened.value.get(c.id), now, timeZone);
    },

    snoozing: snoozing as ReadonlySignal<string | null>,
    /** Opens the snooze menu for a conversation (null closes it). */
    openSnooze(conversationId: string | null): void {
      write(() => (snoozing.value = conversationId));
    },

    setView(next: DeskView): void {
      write(() => (view.value = next));
    },

    /** Shows only rows carrying every one of these labels (none: no filter). */
    setLabelFilter(labelIds: Iterable<string>): void {
      write(() => (labelFilter.value = new Set(labelIds)));
    },

    /**
     * The conversation to open after `id` leaves the view (Done & next): the next one below it
     * that is waiting for a reply, else the next one below, else the one above.
     */
    nextAfter(id: string): string | null {
      const rows = visibleConversations.value ?? [];
      const at = rows.findIndex((c) => c.id === id);
      const below = at < 0 ? rows : rows.slice(at + 1);
      const next = below.find(needsReply) ?? below[0] ?? (at > 0 ? rows[at - 1] : undefined);
      return next && next.id !== id ? next.id : null;
    },

    /** A change the background announced for this account: re-read what it names. */
    onNotice(notice: Notice): void {
      if (notice.type === 'sync-changed' && notice.accountId === accountId) void loadSyncState();
      else if (notice.type === 'desk-changed' && notice.accountId === accountId) void loadDesks();
      else if (notice.type === 'conversations-changed' && notice.accountId === accountId) {
        const rows = conversations.value;
        if (deps.getConversations && rows && notice.conversationIds.length <= Math.max(ROWS_PER_NOTICE, rows.length / 4))
          void refreshRows(notice.conversationIds);
        else void load();
      }
    },

    dispose(): void {
      disposed = true;
      names?.dispose();
    },
  };
}
