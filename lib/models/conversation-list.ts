/**
 * One account's conversation list in the side panel: its rows (the first ones fast, then the whole
 * list), the filter, the sync state and which rows are unread. Made when an account is selected
 * and disposed when another one is: a read it started that answers later changes nothing.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { isUnread } from '../attention/unread';
import type { Account, Conversation, SyncState } from '../db/schema';
import type { Notice } from '../messaging/protocol';
import { needsReply } from '../policy/reply-window';

export type ListFilter = 'all' | 'needs-reply';

/** Rows painted from the cache before the whole list is read. */
export const FIRST_ROWS = 40;
/** A notice naming more rows than this re-reads the whole list rather than row by row. */
const ROWS_PER_NOTICE = 50;

export interface ConversationListDeps {
  listConversations(accountId: string): Promise<Conversation[]>;
  /** The newest conversations of an account, for painting before the whole list is read. */
  listConversationsPage?(accountId: string, limit: number): Promise<Conversation[]>;
  getSyncState(accountId: string): Promise<SyncState | undefined>;
  /** Rows of some conversations (to refresh only what a notice says changed). */
  getConversations?(ids: string[]): Promise<Conversation[]>;
}

export interface ConversationListOptions {
  accountId: string;
  /** The account as last read (null while it is not known, e.g. a link to an account not connected). */
  account: ReadonlySignal<Account | null>;
  /** When each conversation was last opened (read state, kept by the inbox for every account). */
  opened: ReadonlySignal<Map<string, number>>;
  /** The conversation open beside the list (never shown as unread). */
  openId: ReadonlySignal<string | null>;
  filter?: ListFilter;
  /** Rows the last session showed, painted until the cache is read. */
  snapshotRows?: Conversation[];
}

export type ConversationListModel = ReturnType<typeof createConversationListModel>;

export function createConversationListModel(deps: ConversationListDeps, options: ConversationListOptions) {
  const { accountId, account, opened, openId } = options;
  const conversations = signal<Conversation[] | null>(options.snapshotRows ?? null);
  const syncState = signal<SyncState | null>(null);
  const filter = signal<ListFilter>(options.filter ?? 'all');
  /** The rows on screen come from the last session's snapshot, not yet from the cache. */
  let fromSnapshot = options.snapshotRows !== undefined;
  let disposed = false;
  /** Every read result lands here, so nothing lands after dispose. */
  const write = (fn: () => void): void => {
    if (!disposed) batch(fn);
  };

  /** Waiting customers first: the one waiting longest on top. */
  const needsReplyList = computed(() =>
    (conversations.value ?? []).filter(needsReply).sort((a, b) => (a.lastInboundTime ?? 0) - (b.lastInboundTime ?? 0)),
  );
  const visibleConversations = computed(() => (filter.value === 'needs-reply' ? needsReplyList.value : conversations.value));
  const unreadIds = computed(() => {
    const connectedAt = account.value?.connectedAt;
    const rows = conversations.value ?? [];
    const open = openId.value;
    const openedAt = opened.value;
    const set = new Set<string>();
    if (connectedAt === undefined) return set;
    for (const c of rows) {
      if (c.id !== open && isUnread(c, openedAt.get(c.id), connectedAt)) set.add(c.id);
    }
    return set;
  });

  let loadToken = 0;
  let fullLoads = 0;

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
    const [list, state] = await Promise.all([deps.listConversations(accountId), deps.getSyncState(accountId)]);
    // The newest read wins.
    if (token !== loadToken) return;
    fromSnapshot = false;
    write(() => {
      conversations.value = list;
      syncState.value = state ?? null;
    });
  }

  async function loadSyncState(): Promise<void> {
    const state = await deps.getSyncState(accountId);
    write(() => (syncState.value = state ?? null));
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
      if (!current) return;
      const byId = new Map(rows.map((r) => [r.id, r]));
      const kept = current.filter((c) => !byId.has(c.id));
      conversations.value = [...kept, ...rows].sort((a, b) => b.updatedTime - a.updatedTime);
    });
  }

  return {
    accountId,
    conversations: conversations as ReadonlySignal<Conversation[] | null>,
    visibleConversations,
    needsReplyList,
    unreadIds,
    syncState: syncState as ReadonlySignal<SyncState | null>,
    filter: filter as ReadonlySignal<ListFilter>,
    /** The rows on screen still come from the last session (not yet read from the cache). */
    fromSnapshot: (): boolean => fromSnapshot,
    load,

    setFilter(next: ListFilter): void {
      write(() => (filter.value = next));
    },

    /** A change the background announced for this account: re-read what it names. */
    onNotice(notice: Notice): void {
      if (notice.type === 'sync-changed' && notice.accountId === accountId) void loadSyncState();
      else if (notice.type === 'conversations-changed' && notice.accountId === accountId) {
        if (deps.getConversations && conversations.value && notice.conversationIds.length <= ROWS_PER_NOTICE)
          void refreshRows(notice.conversationIds);
        else void load();
      }
    },

    dispose(): void {
      disposed = true;
    },
  };
}
