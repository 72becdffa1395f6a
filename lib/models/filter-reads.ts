/**
 * The reads behind the search box's `label:` and `is:` filters, kept in memory between queries
 * and dropped piece by piece as notices say what changed: typing "is:done co", "is:done cof", …
 * re-reads nothing. Only rows a filter needed are kept (the desk records' conversations; a whole
 * account's rows only once `is:unread` asked for them).
 */
import type { Account, Conversation, ConversationDesk, Label, OpenedState } from '../db/schema';
import type { Notice } from '../messaging/protocol';
import type { FilterReads } from './search-filters';

export function cachedFilterReads(reads: FilterReads, onNotice: (listener: (notice: Notice) => void) => unknown): FilterReads {
  let labels: Promise<Label[]> | null = null;
  let accounts: Promise<Account[]> | null = null;
  let opened: Promise<OpenedState[]> | null = null;
  let allDesk: Promise<ConversationDesk[]> | null = null;
  const deskOf = new Map<string, Promise<ConversationDesk[]>>();
  const rows = new Map<string, Conversation>();
  /** Accounts whose every row is in `rows`. */
  const whole = new Set<string>();
  /** Row reads a notice started for accounts kept whole (a query waits for them). */
  let refreshing: Promise<unknown> = Promise.resolve();

  // A failed read is not kept: the next query reads again.
  const keep = <T>(read: Promise<T>, drop: () => void): Promise<T> => {
    read.catch(drop);
    return read;
  };
  const forgetAll = () => {
    labels = accounts = opened = allDesk = null;
    deskOf.clear();
    rows.clear();
    whole.clear();
  };

  onNotice((notice) => {
    switch (notice.type) {
      case 'accounts-changed':
        forgetAll();
        break;
      case 'labels-changed':
        // Deleting a label also takes it off the desk records.
        labels = allDesk = null;
        deskOf.clear();
        break;
      case 'desk-changed':
        allDesk = null;
        deskOf.delete(notice.accountId);
        break;
      case 'read-changed':
        opened = null;
        break;
      case 'conversations-changed': {
        for (const id of notice.conversationIds) rows.delete(id);
        if (whole.has(notice.accountId)) {
          // New conversations may be among them: read them now so the account stays whole.
          const read = reads.getConversations(notice.conversationIds).then(
            (found) => found.forEach((c) => rows.set(c.id, c)),
            () => whole.delete(notice.accountId),
          );
          refreshing = Promise.all([refreshing, read]);
        }
        break;
      }
    }
  });

  const accountRows = (accountId: string) => [...rows.values()].filter((c) => c.accountId === accountId);
  const readWhole = async (accountId: string): Promise<Conversation[]> => {
    await refreshing;
    if (!whole.has(accountId)) {
      for (const c of await reads.listConversations(accountId)) rows.set(c.id, c);
      whole.add(accountId);
    }
    return accountRows(accountId);
  };

  return {
    listLabels: () => (labels ??= keep(reads.listLabels(), () => (labels = null))),
    listAccounts: () => (accounts ??= keep(reads.listAccounts(), () => (accounts = null))),
    getOpenedStates: () => (opened ??= keep(reads.getOpenedStates(), () => (opened = null))),
    getAllDeskStates: () => (allDesk ??= keep(reads.getAllDeskStates(), () => (allDesk = null))),
    getDeskStates: (accountId) => {
      let read = deskOf.get(accountId);
      if (!read) {
        read = keep(reads.getDeskStates(accountId), () => deskOf.delete(accountId));
        deskOf.set(accountId, read);
      }
      return read;
    },
    getConversations: async (ids) => {
      await refreshing;
      const missing = ids.filter((id) => !rows.has(id));
      if (missing.length > 0) for (const c of await reads.getConversations(missing)) rows.set(c.id, c);
      return ids.flatMap((id) => rows.get(id) ?? []);
    },
    listConversations: readWhole,
    listAllConversations: async () => {
      const all = await (accounts ??= keep(reads.listAccounts(), () => (accounts = null)));
      if (all.some((a) => !whole.has(a.id))) {
        await refreshing;
        for (const c of await reads.listAllConversations()) rows.set(c.id, c);
        for (const a of all) whole.add(a.id);
      }
      return [...rows.values()];
    },
  };
}
