/**
 * The reads behind the search box's `label:` and `is:` filters, kept in memory between queries
 * and dropped piece by piece as notices say what changed: typing "is:done co", "is:done cof", …
 * re-reads nothing. Only rows a filter needed are kept (the desk records' conversations; a whole
 * account's rows only once `is:unread` asked for them). An account's rows are handed out as one
 * array, newest first, made again only after one of them changed.
 */
import type { Account, Conversation, ConversationDesk, Label, OpenedState } from '../db/schema';
import type { Notice } from '../messaging/protocol';
import type { FilterReads } from './search-filters';

const newestFirst = (a: Conversation, b: Conversation) => b.updatedTime - a.updatedTime;

export function cachedFilterReads(reads: FilterReads, onNotice: (listener: (notice: Notice) => void) => unknown): FilterReads {
  let labels: Promise<Label[]> | null = null;
  let accounts: Promise<Account[]> | null = null;
  let opened: Promise<OpenedState[]> | null = null;
  let allDesk: Promise<ConversationDesk[]> | null = null;
  const deskOf = new Map<string, Promise<ConversationDesk[]>>();
  const rows = new Map<string, Conversation>();
  /** Accounts whose every row is in `rows`. */
  const whole = new Set<string>();
  /** The rows of a whole account (or of all of them, under ''), newest first, until one changes. */
  const listed = new Map<string, Conversation[]>();
  /** Row reads a notice started for accounts kept whole (a query waits for them). */
  let refreshing: Promise<unknown> = Promise.resolve();

  // A failed read is not kept: the next query reads again.
  const keep = <T>(read: Promise<T>, drop: () => void): Promise<T> => {
    read.catch(drop);
    return read;
  };
  const changed = (accountId: string) => {
    listed.delete(accountId);
    listed.delete('');
  };
  const put = (c: Conversation) => {
    rows.set(c.id, c);
    changed(c.accountId);
  };
  const forgetAll = () => {
    labels = accounts = opened = allDesk = null;
    deskOf.clear();
    rows.clear();
    whole.clear();
    listed.clear();
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
        changed(notice.accountId);
        if (whole.has(notice.accountId)) {
          // New conversations may be among them: read them now so the account stays whole.
          const read = reads.getConversations(notice.conversationIds).then(
            (found) => found.forEach(put),
            () => whole.delete(notice.accountId),
          );
          refreshing = Promise.all([refreshing, read]);
        }
        break;
      }
    }
  });

  const list = (key: string, pick: (c: Conversation) => boolean): Conversation[] => {
    let all = listed.get(key);
    if (!all) {
      all = [...rows.values()].filter(pick).sort(newestFirst);
      listed.set(key, all);
    }
    return all;
  };
  const readWhole = async (accountId: string): Promise<Conversation[]> => {
    await refreshing;
    if (!whole.has(accountId)) {
      (await reads.listConversations(accountId)).forEach(put);
      whole.add(accountId);
    }
    return list(accountId, (c) => c.accountId === accountId);
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
      if (missing.length > 0) (await reads.getConversations(missing)).forEach(put);
      const found: Conversation[] = [];
      for (const id of ids) {
        const c = rows.get(id);
        if (c) found.push(c);
      }
      return found;
    },
    listConversations: readWhole,
    listAllConversations: async () => {
      const all = await (accounts ??= keep(reads.listAccounts(), () => (accounts = null)));
      if (all.some((a) => !whole.has(a.id))) {
        await refreshing;
        (await reads.listAllConversations()).forEach(put);
        for (const a of all) whole.add(a.id);
      }
      return list('', () => true);
    },
  };
}
