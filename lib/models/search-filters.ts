/**
 * Which conversations the search box's filters (`label:`, `is:`) leave, read from the desk records
 * and the cache, with the same rules as the list (lib/desk/status.ts, lib/attention/unread.ts).
 */
import { isUnread } from '../attention/unread';
import type { Account, Conversation, ConversationDesk, Label, OpenedState } from '../db/schema';
import { deskStatus, isMarkedUnread, isPinned } from '../desk/status';
import { sameLabelName, type ParsedSearch } from '../search';

export interface FilterReads {
  listLabels(): Promise<Label[]>;
  getDeskStates(accountId: string): Promise<ConversationDesk[]>;
  getAllDeskStates(): Promise<ConversationDesk[]>;
  getConversations(ids: string[]): Promise<Conversation[]>;
  listConversations(accountId: string): Promise<Conversation[]>;
  listAllConversations(): Promise<Conversation[]>;
  getOpenedStates(): Promise<OpenedState[]>;
  listAccounts(): Promise<Account[]>;
}

export type FilterOutcome =
  { kind: 'unknown-label'; name: string } | { kind: 'matches'; conversations: Conversation[]; desk: Map<string, ConversationDesk> };

export type FilterScope = { kind: 'unknown-label'; name: string } | { kind: 'within'; conversationIds: ReadonlySet<string> };

/** The labels named in the box, or the first name no label has. */
export function resolveLabels(parsed: ParsedSearch, labels: Label[]): { ok: Label[] } | { missing: string } {
  const ok: Label[] = [];
  for (const name of parsed.labels) {
    const label = labels.find((l) => sameLabelName(l.name, name));
    if (!label) return { missing: name };
    if (!ok.includes(label)) ok.push(label);
  }
  return { ok };
}

/**
 * The conversations (of one account, or of every connected account) that every filter matches,
 * newest first. Only conversations with a desk record can have a label or be done, snoozed or
 * pinned, so those filters read only them; `is:unread` alone reads the account's rows.
 */
export async function filterConversations(
  parsed: ParsedSearch,
  allLabels: Label[],
  accountId: string | undefined,
  reads: FilterReads,
  now: number,
): Promise<FilterOutcome> {
  const resolved = resolveLabels(parsed, allLabels);
  if ('missing' in resolved) return { kind: 'unknown-label', name: resolved.missing };
  const wanted = resolved.ok.map((l) => l.id);
  const status = new Set(parsed.status);

  const [records, accounts, opened] = await Promise.all([
    recordsIn(reads, accountId),
    reads.listAccounts(),
    status.has('unread') ? reads.getOpenedStates() : Promise.resolve([]),
  ]);
  const connectedAt = connectedTimes(accounts);
  const desk = deskIndex(records, connectedAt);
  const openedAt = openedTimes(opened);

  let rows: readonly Conversation[];
  if (wanted.length > 0 || status.has('done') || status.has('snoozed') || status.has('pinned')) {
    rows = await reads.getConversations(recordIds(desk, wanted, status, now));
  } else {
    rows = accountId !== undefined ? await reads.listConversations(accountId) : await reads.listAllConversations();
  }
  const [wantDone, wantSnoozed, wantPinned, wantUnread] = (['done', 'snoozed', 'pinned', 'unread'] as const).map((k) => status.has(k));
  const conversations: Conversation[] = [];
  if (accountId === undefined || connectedAt.has(accountId)) {
    for (const c of rows) {
      const connected = connectedAt.get(c.accountId);
      if (connected === undefined || (accountId !== undefined && c.accountId !== accountId)) continue;
      // Unread alone needs a record only where one was marked unread (a far smaller map).
      const d = wantDone || wantSnoozed || wantPinned ? desk.byConversation.get(c.id) : desk.markedUnread.get(c.id);
      if (wantDone || wantSnoozed) {
        const s = deskStatus(c, d, now);
        if ((wantDone && s !== 'done') || (wantSnoozed && s !== 'snoozed')) continue;
      }
      if (wantPinned && !isPinned(d)) continue;
      if (wantUnread) {
        const at = c.lastInboundTime !== null || d?.markedUnreadAt != null ? openedAt.get(c.id) : undefined;
        if (!isUnread(c, at, connected) && !isMarkedUnread(d, at)) continue;
      }
      conversations.push(c);
    }
  }
  // A whole account's rows come newest first already; the sort then only checks.
  conversations.sort((a, b) => b.updatedTime - a.updatedTime);
  return { kind: 'matches', conversations, desk: desk.byConversation };
}

/**
 * The conversations a search with words looks within. Labels and pins are the desk records' alone,
 * so for them no row is read (at 100,000 conversations a common label's rows took most of the
 * first query); `is:done`, `is:snoozed` and `is:unread` also depend on the rows.
 */
export async function filterScope(
  parsed: ParsedSearch,
  allLabels: Label[],
  accountId: string | undefined,
  reads: FilterReads,
  now: number,
): Promise<FilterScope> {
  const resolved = resolveLabels(parsed, allLabels);
  if ('missing' in resolved) return { kind: 'unknown-label', name: resolved.missing };
  const status = new Set(parsed.status);
  if ([...status].some((s) => s !== 'pinned') || (resolved.ok.length === 0 && !status.has('pinned'))) {
    const outcome = await filterConversations(parsed, allLabels, accountId, reads, now);
    return outcome.kind === 'matches' ? { kind: 'within', conversationIds: new Set(outcome.conversations.map((c) => c.id)) } : outcome;
  }
  const [records, accounts] = await Promise.all([recordsIn(reads, accountId), reads.listAccounts()]);
  const connectedAt = connectedTimes(accounts);
  const ids =
    accountId === undefined || connectedAt.has(accountId)
      ? recordIds(
          deskIndex(records, connectedAt),
          resolved.ok.map((l) => l.id),
          status,
          now,
        )
      : [];
  return { kind: 'within', conversationIds: new Set(ids) };
}

/** The desk records of one account, or of every account. */
function recordsIn(reads: FilterReads, accountId: string | undefined): Promise<ConversationDesk[]> {
  return accountId !== undefined ? reads.getDeskStates(accountId) : reads.getAllDeskStates();
}

/**
 * The conversations whose records pass what a record alone decides (labels, pinned, done or
 * snoozed set), taken from the shortest list of records one of the filters allows.
 */
function recordIds(desk: DeskIndex, wanted: readonly string[], status: ReadonlySet<string>, now: number): string[] {
  const lists = [
    ...wanted.map((id) => desk.byLabel.get(id) ?? []),
    ...(status.has('pinned') ? [desk.pinned] : []),
    ...(status.has('done') ? [desk.done] : []),
    ...(status.has('snoozed') ? [desk.snoozed] : []),
  ];
  const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
  return shortest
    .filter(
      (d) =>
        wanted.every((id) => d.labelIds.includes(id)) &&
        (!status.has('pinned') || isPinned(d)) &&
        (!status.has('done') || d.doneAt !== null) &&
        (!status.has('snoozed') || (d.snooze !== null && now < d.snooze.until)),
    )
    .map((d) => d.conversationId);
}

/**
 * What a query needs from the desk records, by conversation and by filter. The reads hand out the
 * same arrays until something changed, so each is worked out once per array, not per keystroke.
 */
interface DeskIndex {
  byConversation: Map<string, ConversationDesk>;
  byLabel: Map<string, ConversationDesk[]>;
  done: ConversationDesk[];
  /** Records with a snooze, over or not (the time decides per query). */
  snoozed: ConversationDesk[];
  pinned: ConversationDesk[];
  markedUnread: Map<string, ConversationDesk>;
}

const deskIndexes = new WeakMap<readonly ConversationDesk[], { connectedAt: ReadonlyMap<string, number>; index: DeskIndex }>();
const connectedIndexes = new WeakMap<readonly Account[], ReadonlyMap<string, number>>();
const openedIndexes = new WeakMap<readonly OpenedState[], ReadonlyMap<string, number>>();

function connectedTimes(accounts: readonly Account[]): ReadonlyMap<string, number> {
  let times = connectedIndexes.get(accounts);
  if (!times) connectedIndexes.set(accounts, (times = new Map(accounts.map((a) => [a.id, a.connectedAt]))));
  return times;
}

function openedTimes(opened: readonly OpenedState[]): ReadonlyMap<string, number> {
  let times = openedIndexes.get(opened);
  if (!times) openedIndexes.set(opened, (times = new Map(opened.map((o) => [o.conversationId, o.openedAt]))));
  return times;
}

/** Records of accounts no longer connected are left out. */
function deskIndex(records: readonly ConversationDesk[], connectedAt: ReadonlyMap<string, number>): DeskIndex {
  const known = deskIndexes.get(records);
  if (known && known.connectedAt === connectedAt) return known.index;
  const index: DeskIndex = { byConversation: new Map(), byLabel: new Map(), done: [], snoozed: [], pinned: [], markedUnread: new Map() };
  for (const d of records) {
    if (!connectedAt.has(d.accountId)) continue;
    index.byConversation.set(d.conversationId, d);
    for (const id of d.labelIds) {
      const list = index.byLabel.get(id);
      if (list) {
        if (list[list.length - 1] !== d) list.push(d);
      } else index.byLabel.set(id, [d]);
    }
    if (d.doneAt !== null) index.done.push(d);
    if (d.snooze !== null) index.snoozed.push(d);
    if (isPinned(d)) index.pinned.push(d);
    if (d.markedUnreadAt !== null) index.markedUnread.set(d.conversationId, d);
  }
  deskIndexes.set(records, { connectedAt, index });
  return index;
}
