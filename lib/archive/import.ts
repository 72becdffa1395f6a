/**
 * Importing an archive file: the one place where a file's content becomes cached data. Runs in
 * the background only (pages send the file's text). The work is in three parts:
 *   records.ts  reads the file and checks every record with a strict schema;
 *   merge.ts    merges what is valid into the cache in one transaction;
 *   report.ts   what the person is told (counts and labels; pages import it too).
 * This file is the background's request: the file's text in, a report out. The file's saved replies
 * are stored by the importing page (replies-import.ts): they live in sync storage, not in the cache.
 */
import { getConversation } from '../db';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { t } from '../i18n';
import type { ImportPhase, Notice } from '../messaging/protocol';
import type { SearchIndexWriter } from '../search';
import { searchBackfillCursorItem, searchBackfilledItem } from '../settings';
import { importArchiveData, type ImportResult } from './merge';
import { ArchiveImportError, isObj, parseArchiveText } from './records';
import type { ImportReport } from './report';
import { importDeskData } from './desk-merge';
import { indexInBatches, indexNotes, toSearchDoc } from './search-docs';
import { listAccountIds } from '../db/archive';

export { importArchiveData, type ImportResult } from './merge';
export { ArchiveImportError, FUTURE_ALLOWANCE_MS, OLDEST_TIME, parseArchiveText } from './records';
export { MAX_IMPORT_BYTES, repairLabel, skipLabel, tooLargeMessage, type ImportReport, type RepairReason, type SkipReason } from './report';

export interface ImportDeps {
  search: Pick<SearchIndexWriter, 'upsert'>;
  notify: (notice: Notice) => void;
  now?: () => number;
  /** After conversations' desk records changed (the snooze alarm and the badge follow them). */
  onDeskChanged?: () => void;
  newId?: () => string;
}

/**
 * The background's import request: the file's text in, a report out. Refusals become messages a
 * person can act on; open pages are told which conversations changed, and the imported messages
 * are added to the search index.
 */
export async function importArchiveText(text: unknown, deps: ImportDeps): Promise<ImportReport> {
  if (typeof text !== 'string') throw new DeskError('invalid-request', t('archive.unreadableFile'));
  let result: ImportResult;
  let data: unknown;
  const progress = (phase: ImportPhase, done: number, total: number) => deps.notify({ type: 'import-progress', phase, done, total });
  try {
    progress('checking', 0, 0);
    data = parseArchiveText(text);
    result = await importArchiveData(data, deps.now?.() ?? Date.now(), (p) => progress(p.phase, p.done, p.total));
  } catch (e) {
    if (e instanceof ArchiveImportError) throw new DeskError('invalid-request', e.message);
    if (typeof DOMException !== 'undefined' && e instanceof DOMException && e.name === 'QuotaExceededError') {
      throw new DeskError('failed', t('archive.noRoom'));
    }
    logDiagnostic('import', 'Importing an archive failed', e, 'error');
    throw new DeskError('failed', t('archive.importFailed'));
  }
  // Sets, in order of first appearance: an import of 100,000 messages in 10,000 conversations.
  const byAccount = new Map<string, Set<string>>();
  const note = (accountId: string, id: string) => {
    const ids = byAccount.get(accountId);
    if (ids) ids.add(id);
    else byAccount.set(accountId, new Set([id]));
  };
  for (const row of result.rows.values()) note(row.accountId, row.id);
  for (const m of result.added) note(m.accountId, m.conversationId);
  for (const [accountId, ids] of byAccount) deps.notify({ type: 'conversations-changed', accountId, conversationIds: [...ids] });
  // Until the index has the new messages, a stopped worker must not take the index for complete:
  // its next start goes through the cache again (what is indexed already is skipped).
  const flagged = result.added.length > 0 ? await holdBackfilledFlag() : null;
  await importDesk(data, result, deps);
  // The report does not wait for the search index: the background adds the messages in batches,
  // and open options pages show how far (the inbox works meanwhile).
  if (flagged) queueIndexing(result, deps, flagged.wasComplete);
  return result.report;
}

/** How long the index build of an import waits after the report, so that the page gets it first. */
const REPORT_FIRST_MS = 300;

/** Imports' index builds, one after another, and whether the index was complete before the first. */
const indexQueue = { tail: Promise.resolve(), pending: 0, restore: false, failed: false };

/** Resolves once every import's messages are in the search index (or their build failed). */
export function importsIndexed(): Promise<void> {
  return indexQueue.tail;
}

async function holdBackfilledFlag(): Promise<{ wasComplete: boolean } | null> {
  try {
    const wasComplete = await searchBackfilledItem.getValue();
    if (wasComplete) await Promise.all([searchBackfilledItem.setValue(false), searchBackfillCursorItem.setValue(null)]);
    return { wasComplete };
  } catch (e) {
    logDiagnostic('import', 'Could not mark the search index as incomplete', e);
    return { wasComplete: false };
  }
}

function queueIndexing(result: ImportResult, deps: ImportDeps, wasComplete: boolean): void {
  indexQueue.pending += 1;
  indexQueue.restore ||= wasComplete;
  indexQueue.tail = indexQueue.tail.then(async () => {
    // The report goes to the page first: building the index's first batch (and its notice) would
    // otherwise hold the worker and the database while the page shows the report.
    await new Promise((resolve) => setTimeout(resolve, REPORT_FIRST_MS));
    try {
      await indexImported(result, deps);
    } catch (e) {
      // The messages are stored: have the next start index the whole cache again.
      indexQueue.failed = true;
      logDiagnostic('import', 'Imported messages could not be added to the search index', e);
    }
    indexQueue.pending -= 1;
    if (indexQueue.pending > 0) return;
    // The last build queued is done: the flag says again what it said before the first.
    const complete = indexQueue.restore && !indexQueue.failed;
    const failed = indexQueue.failed;
    indexQueue.restore = false;
    indexQueue.failed = false;
    if (complete || failed) {
      await searchBackfilledItem
        .setValue(complete)
        .catch((err: unknown) => logDiagnostic('import', 'Could not record the state of the search index', err));
    }
  });
}

/** Adds an import's new messages to the search index, telling open pages how far it is. */
async function indexImported(result: ImportResult, deps: ImportDeps): Promise<void> {
  const rows = result.rows;
  const missing = [...new Set(result.added.map((m) => m.conversationId))].filter((id) => !rows.has(id));
  for (const id of missing) {
    const row = await getConversation(id);
    if (row) rows.set(id, row);
  }
  const docs = result.added.map((m) => toSearchDoc(m, rows.get(m.conversationId)));
  deps.notify({ type: 'search-index-progress', done: 0, total: docs.length });
  try {
    await indexInBatches(deps.search, docs, (p) => deps.notify({ type: 'search-index-progress', done: p.done, total: p.total }));
  } catch (e) {
    // Open pages stop showing the bar.
    deps.notify({ type: 'search-index-progress', done: docs.length, total: docs.length });
    throw e;
  }
}

/** The file's labels, desk records and notes, after its conversations; counts go into the report. */
async function importDesk(data: unknown, result: ImportResult, deps: ImportDeps): Promise<void> {
  if (!isObj(data) || !['labels', 'desk', 'notes'].some((key) => Object.hasOwn(data, key))) return;
  try {
    const desk = await importDeskData(data, {
      connected: new Set(await listAccountIds()),
      now: deps.now?.() ?? Date.now(),
      newId: deps.newId ?? (() => crypto.randomUUID()),
    });
    result.report.desk = desk.report;
    if (desk.labelsChanged) deps.notify({ type: 'labels-changed' });
    for (const [accountId, conversationIds] of desk.deskChanged) deps.notify({ type: 'desk-changed', accountId, conversationIds });
    for (const n of new Map(desk.notes.map((n) => [`${n.accountId} ${n.contactId}`, n])).values()) {
      deps.notify({ type: 'notes-changed', accountId: n.accountId, contactId: n.contactId });
    }
    if (desk.deskChanged.size > 0) deps.onDeskChanged?.();
    if (desk.notes.length > 0) {
      await indexNotes(deps.search, desk.notes).catch(async (e: unknown) => {
        logDiagnostic('import', 'Imported notes could not be added to the search index', e);
        await searchBackfilledItem.setValue(false);
      });
    }
  } catch (e) {
    logDiagnostic('import', 'Labels, states or notes from an archive could not be stored', e);
    result.report.deskError = t('archive.deskError');
  }
}
