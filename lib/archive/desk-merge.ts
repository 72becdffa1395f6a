/**
 * Merging the desk's part of an archive after its conversations and messages: labels are matched
 * by name (created when missing), a conversation's desk record and a note are taken when the
 * file's is newer (by `updatedAt`) than what is stored, and kept otherwise. Only conversations
 * stored here under the same account take records; the file's ids never touch another account's.
 */
import { getConversation, getDeskState, getNote, listLabels, putDeskStates, putLabels, putNotes } from '../db';
import type { ContactNote, ConversationDesk, Label } from '../db/schema';
import { sameLabelName } from '../search/filters';
import { readDeskLists, readDeskRecord, readLabel, readNote } from './desk-records';
import { Skip } from './records';
import { Counter, type DeskImportReport, type SkipReason } from './report';

export interface DeskImportResult {
  report: DeskImportReport;
  /** Conversations whose desk record changed, by account (for notices). */
  deskChanged: Map<string, string[]>;
  labelsChanged: boolean;
  /** Notes written (for the search index and notices). */
  notes: ContactNote[];
}

interface Options {
  connected: ReadonlySet<string>;
  now: number;
  newId(): string;
}

/** Runs `read` on each raw record; a Skip is counted, anything else stops the import. */
function each<T>(list: unknown[], skipped: Counter<SkipReason>, read: (raw: unknown) => T): T[] {
  const out: T[] = [];
  for (const raw of list) {
    try {
      out.push(read(raw));
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
      skipped.add(e.reason);
    }
  }
  return out;
}

export async function importDeskData(data: unknown, opts: Options): Promise<DeskImportResult> {
  const { lists, damaged } = readDeskLists(data);
  const skippedLabels = new Counter<SkipReason>();
  const skippedDesk = new Counter<SkipReason>();
  const skippedNotes = new Counter<SkipReason>();
  if (damaged.includes('labels')) skippedLabels.add('invalid-field');
  if (damaged.includes('desk')) skippedDesk.add('invalid-field');
  if (damaged.includes('notes')) skippedNotes.add('invalid-field');

  // Labels: the file's id → this browser's label (same name, any case), created when missing.
  const existing = await listLabels();
  const labelMap = new Map<string, string>();
  const created: Label[] = [];
  let matched = 0;
  const seenLabels = new Set<string>();
  for (const label of each(lists.labels, skippedLabels, (raw) => readLabel(raw, opts.now))) {
    if (seenLabels.has(label.id)) {
      skippedLabels.add('duplicate');
      continue;
    }
    seenLabels.add(label.id);
    const same = [...existing, ...created].find((l) => sameLabelName(l.name, label.name));
    if (same) {
      labelMap.set(label.id, same.id);
      if (existing.includes(same)) matched += 1;
      continue;
    }
    const idTaken = existing.some((l) => l.id === label.id) || created.some((l) => l.id === label.id);
    const next: Label = { ...label, id: idTaken ? opts.newId() : label.id, order: existing.length + created.length };
    created.push(next);
    labelMap.set(label.id, next.id);
  }
  if (created.length > 0) await putLabels(created);

  // Desk records: only for conversations stored here under the same account; the newer one wins.
  const deskChanged = new Map<string, string[]>();
  const deskWrites: ConversationDesk[] = [];
  let deskKept = 0;
  const seenDesk = new Set<string>();
  for (const record of each(lists.desk, skippedDesk, (raw) => readDeskRecord(raw, opts.connected, opts.now))) {
    if (seenDesk.has(record.conversationId)) {
      skippedDesk.add('duplicate');
      continue;
    }
    seenDesk.add(record.conversationId);
    const reason = await belongsHere(record.conversationId, record.accountId);
    if (reason) {
      skippedDesk.add(reason);
      continue;
    }
    const stored = await getDeskState(record.conversationId);
    if (stored && stored.accountId !== record.accountId) {
      skippedDesk.add('conflict');
      continue;
    }
    if (stored && stored.updatedAt >= record.updatedAt) {
      deskKept += 1;
      continue;
    }
    const labelIds = record.labelIds.flatMap((id) => labelMap.get(id) ?? []);
    deskWrites.push({ ...record, labelIds: [...new Set(labelIds)] });
    deskChanged.set(record.accountId, [...(deskChanged.get(record.accountId) ?? []), record.conversationId]);
  }
  if (deskWrites.length > 0) await putDeskStates(deskWrites);

  // Notes, by id: the newer one wins; a note of a conversation not stored here is skipped.
  const noteWrites: ContactNote[] = [];
  let notesKept = 0;
  const seenNotes = new Set<string>();
  for (const note of each(lists.notes, skippedNotes, (raw) => readNote(raw, opts.connected, opts.now))) {
    if (seenNotes.has(note.id)) {
      skippedNotes.add('duplicate');
      continue;
    }
    seenNotes.add(note.id);
    const reason = await belongsHere(note.conversationId, note.accountId);
    if (reason) {
      skippedNotes.add(reason);
      continue;
    }
    const stored = await getNote(note.id);
    if (stored && (stored.accountId !== note.accountId || stored.contactId !== note.contactId)) {
      skippedNotes.add('conflict');
      continue;
    }
    if (stored && stored.updatedAt >= note.updatedAt) {
      notesKept += 1;
      continue;
    }
    noteWrites.push(note);
  }
  if (noteWrites.length > 0) await putNotes(noteWrites);

  return {
    report: {
      labelsCreated: created.length,
      labelsMatched: matched,
      skippedLabels: skippedLabels.counts,
      deskImported: deskWrites.length,
      deskKept,
      skippedDesk: skippedDesk.counts,
      notesImported: noteWrites.length,
      notesKept,
      skippedNotes: skippedNotes.counts,
    },
    deskChanged,
    labelsChanged: created.length > 0,
    notes: noteWrites,
  };
}

/** Null when the conversation is stored here under this account, else why not. */
async function belongsHere(conversationId: string, accountId: string): Promise<SkipReason | null> {
  const row = await getConversation(conversationId);
  if (!row) return 'unknown-conversation';
  return row.accountId === accountId ? null : 'conflict';
}
