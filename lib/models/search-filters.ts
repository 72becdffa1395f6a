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
    accountId !== undefined ? reads.getDeskStates(accountId) : reads.getAllDeskStates(),
    reads.listAccounts(),
    status.has('unread') ? reads.getOpenedStates() : Promise.resolve([]),
  ]);
  const connectedAt = new Map(accounts.map((a) => [a.id, a.connectedAt]));
  const desk = new Map(records.filter((d) => connectedAt.has(d.accountId)).map((d) => [d.conversationId, d]));
  const openedAt = new Map(opened.map((o) => [o.conversationId, o.openedAt]));

  const needsDesk = wanted.length > 0 || status.has('done') || status.has('snoozed') || status.has('pinned');
  let rows: Conversation[];
  if (needsDesk) {
    // What the record alone decides is decided before any row is read (rows are the cost).
    const ids = [...desk.values()]
      .filter(
        (d) =>
          wanted.every((id) => d.labelIds.includes(id)) &&
          (!status.has('pinned') || isPinned(d)) &&
          (!status.has('done') || d.doneAt !== null) &&
          (!status.has('snoozed') || (d.snooze !== null && now < d.snooze.until)),
      )
      .map((d) => d.conversationId);
    rows = await reads.getConversations(ids);
  } else {
    rows = accountId !== undefined ? await reads.listConversations(accountId) : await reads.listAllConversations();
  }
  const conversations = rows
    .filter((c) => connectedAt.has(c.accountId) && (accountId === undefined || c.accountId === accountId))
    .filter((c) => {
      const d = desk.get(c.id);
      const s = deskStatus(c, d, now);
      if (status.has('done') && s !== 'done') return false;
      if (status.has('snoozed') && s !== 'snoozed') return false;
      if (status.has('pinned') && !isPinned(d)) return false;
      if (status.has('unread')) {
        const at = openedAt.get(c.id);
        if (!isUnread(c, at, connectedAt.get(c.accountId) ?? 0) && !isMarkedUnread(d, at)) return false;
      }
      return true;
    })
    .sort((a, b) => b.updatedTime - a.updatedTime);
  return { kind: 'matches', conversations, desk };
}
