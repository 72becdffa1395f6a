/**
 * The background's handlers for the desk: done, snooze, pin, unread and labels on conversations,
 * the labels themselves, and notes on contacts. Pages ask; this checks each payload, writes, and
 * tells every page what changed. Nothing here goes to Meta.
 */
import { getAccount, updateDeskState, putLabels, deleteLabel, listLabels, putNotes, deleteNote, getNote } from '../db';
import type { Account, ContactNote, Label } from '../db/schema';
import { LABEL_COLORS } from '../db/schema';
import { DeskError } from '../errors';
import { t } from '../i18n';
import type { Handlers, Notice } from '../messaging/protocol';
import { applyDeskChange, type DeskChange, type DeskState } from './changes';

export type DeskHandlers = Pick<Handlers, 'updateDesk' | 'saveLabel' | 'deleteLabel' | 'saveNote' | 'deleteNote'>;

export interface DeskWriteDeps {
  notify(notice: Notice): void;
  /** After conversations' desk records changed (the snooze alarm and the badge follow them). */
  onDeskChanged?(): void;
  now(): number;
  newId(): string;
  getAccount?(id: string): Promise<Account | undefined>;
  /**
   * After a note was saved (`removed` false) or deleted (`removed` true): the search index follows
   * notes through this, so they are found with the messages.
   */
  onNotesChanged?(note: ContactNote, removed: boolean): void;
}

/** Longest label name and note kept. */
export const MAX_LABEL_NAME = 40;
export const MAX_NOTE_LENGTH = 5000;
/** More conversations than this in one request is not something a page asks for. */
const MAX_CONVERSATIONS = 500;

export function deskHandlers(deps: DeskWriteDeps): DeskHandlers {
  const accountOf = deps.getAccount ?? getAccount;
  const requireAccount = async (accountId: unknown): Promise<string> => {
    if (typeof accountId !== 'string' || !(await accountOf(accountId))) {
      throw new DeskError('invalid-request', t('errors.accountGoneReload'));
    }
    return accountId;
  };
  const labelsChanged = (): void => deps.notify({ type: 'labels-changed' });

  return {
    updateDesk: async ({ accountId, conversationIds, change }) => {
      await requireAccount(accountId);
      if (
        !Array.isArray(conversationIds) ||
        conversationIds.length > MAX_CONVERSATIONS ||
        !conversationIds.every((id) => typeof id === 'string')
      ) {
        throw new DeskError('invalid-request', t('errors.deskConversationsUnclear'));
      }
      const checked = checkChange(change, deps.now());
      if (checked.kind === 'labels') {
        const known = new Set((await listLabels()).map((l) => l.id));
        if ((checked.add ?? []).some((id) => !known.has(id))) throw new DeskError('invalid-request', t('errors.labelGone'));
      }
      for (const conversationId of conversationIds) {
        const now = deps.now();
        await updateDeskState(conversationId, (current) => {
          // A record of another account under this id is not this page's to change.
          if (current && current.accountId !== accountId) return current;
          return applyDeskChange(current, checked, { accountId, conversationId }, now);
        });
      }
      deps.notify({ type: 'desk-changed', accountId, conversationIds });
      deps.onDeskChanged?.();
      return null;
    },

    saveLabel: async ({ id, name, color, order }) => {
      const clean = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ') : '';
      if (clean === '') throw new DeskError('invalid-request', t('errors.labelNameEmpty'));
      if (clean.length > MAX_LABEL_NAME)
        throw new DeskError('invalid-request', t('errors.labelNameTooLong', { max: String(MAX_LABEL_NAME) }));
      if (!LABEL_COLORS.includes(color)) throw new DeskError('invalid-request', t('errors.labelColour'));
      if (order !== undefined && (!Number.isInteger(order) || order < 0))
        throw new DeskError('invalid-request', t('errors.labelPositionUnclear'));
      const labels = await listLabels();
      if (labels.some((l) => l.id !== id && l.name.toLocaleLowerCase() === clean.toLocaleLowerCase())) {
        throw new DeskError('invalid-request', t('errors.labelExists', { name: clean }));
      }
      const existing = id ? labels.find((l) => l.id === id) : undefined;
      if (id && !existing) throw new DeskError('invalid-request', t('errors.labelGone'));
      const label: Label = existing
        ? { ...existing, name: clean, color }
        : { id: deps.newId(), name: clean, color, order: labels.length, createdAt: deps.now() };
      // Moved (or placed) at `order`: every label gets its new position, in one write.
      const others = labels.filter((l) => l.id !== label.id);
      const position = order === undefined ? (existing ? labels.indexOf(existing) : others.length) : Math.min(order, others.length);
      const ordered = [...others.slice(0, position), label, ...others.slice(position)].map((l, i) => ({ ...l, order: i }));
      await putLabels(ordered.filter((l, i) => l.id === label.id || labels.find((x) => x.id === l.id)?.order !== i));
      labelsChanged();
      return ordered[position]!;
    },

    deleteLabel: async ({ id }) => {
      if (typeof id !== 'string') throw new DeskError('invalid-request', t('errors.labelDeleteUnclear'));
      const changed = await deleteLabel(id);
      labelsChanged();
      const byAccount = new Map<string, string[]>();
      for (const d of changed) byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d.conversationId]);
      for (const [accountId, conversationIds] of byAccount) deps.notify({ type: 'desk-changed', accountId, conversationIds });
      return null;
    },

    saveNote: async ({ id, accountId, contactId, conversationId, text }) => {
      await requireAccount(accountId);
      const clean = typeof text === 'string' ? text.trim() : '';
      if (clean === '') throw new DeskError('invalid-request', t('errors.noteEmpty'));
      if (clean.length > MAX_NOTE_LENGTH) throw new DeskError('invalid-request', t('errors.noteTooLong', { max: String(MAX_NOTE_LENGTH) }));
      if (typeof contactId !== 'string' || typeof conversationId !== 'string')
        throw new DeskError('invalid-request', t('errors.noteOwnerUnclear'));
      const now = deps.now();
      const existing = id ? await getNote(id) : undefined;
      if (id && (!existing || existing.accountId !== accountId)) throw new DeskError('invalid-request', t('errors.noteGone'));
      const note: ContactNote = existing
        ? { ...existing, text: clean, updatedAt: now }
        : { id: deps.newId(), accountId, contactId, conversationId, text: clean, createdAt: now, updatedAt: now };
      await putNotes([note]);
      deps.notify({ type: 'notes-changed', accountId, contactId: note.contactId });
      deps.onNotesChanged?.(note, false);
      return note;
    },

    deleteNote: async ({ id }) => {
      const note = await getNote(String(id));
      if (!note) return null;
      await deleteNote(note.id);
      deps.notify({ type: 'notes-changed', accountId: note.accountId, contactId: note.contactId });
      deps.onNotesChanged?.(note, true);
      return null;
    },
  };
}

/** A change from a page, checked: anything else is refused in words. */
function checkChange(change: DeskChange, now: number): DeskChange {
  const bad = (): never => {
    throw new DeskError('invalid-request', t('errors.deskChangeUnclear'));
  };
  if (typeof change !== 'object' || change === null) return bad();
  switch (change.kind) {
    case 'done':
    case 'reopen':
    case 'unsnooze':
    case 'mark-unread':
      return { kind: change.kind };
    case 'pin':
      return { kind: 'pin', pinned: change.pinned === true };
    case 'snooze':
      if (typeof change.until !== 'number' || !Number.isFinite(change.until)) return bad();
      if (change.until <= now) throw new DeskError('invalid-request', t('errors.snoozeInPast'));
      return { kind: 'snooze', until: change.until };
    case 'follow-up':
      if (!Number.isInteger(change.days) || change.days < 1 || change.days > 90)
        throw new DeskError('invalid-request', t('errors.followUpRange'));
      return { kind: 'follow-up', days: change.days };
    case 'restore':
      return { kind: 'restore', state: checkState(change.state) ?? bad() };
    case 'labels': {
      const ids = (x: unknown): string[] => (Array.isArray(x) && x.every((i) => typeof i === 'string') ? x : bad());
      return {
        kind: 'labels',
        add: change.add === undefined ? [] : ids(change.add),
        remove: change.remove === undefined ? [] : ids(change.remove),
      };
    }
    default:
      return bad();
  }
}

const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const timeOrNull = (x: unknown): x is number | null => x === null || isTime(x);
const isReason = (x: unknown): x is 'snooze' | 'follow-up' => x === 'snooze' || x === 'follow-up';
const isDays = (x: unknown): x is number | undefined =>
  x === undefined || (Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 90);

/** A state to put back on undo, rebuilt field by field (null when it is not one). */
function checkState(raw: unknown): DeskState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Record<string, unknown>;
  const { doneAt, pinnedAt, markedUnreadAt } = s;
  if (!timeOrNull(doneAt) || !timeOrNull(pinnedAt) || !timeOrNull(markedUnreadAt)) return null;
  let snooze: DeskState['snooze'] = null;
  if (s.snooze !== null) {
    const z = s.snooze as Record<string, unknown> | undefined;
    if (!z || !isTime(z.until) || !isTime(z.at) || !isReason(z.reason) || !isDays(z.days)) return null;
    snooze = { until: z.until, at: z.at, reason: z.reason, ...(z.days === undefined ? {} : { days: z.days }) };
  }
  let returned: DeskState['returned'] = null;
  if (s.returned !== null) {
    const r = s.returned as Record<string, unknown> | undefined;
    if (!r || !isTime(r.at) || !isReason(r.reason) || !isDays(r.days)) return null;
    returned = { at: r.at, reason: r.reason, ...(r.days === undefined ? {} : { days: r.days }) };
  }
  return { doneAt, snooze, returned, pinnedAt, markedUnreadAt };
}
