/**
 * The options page's archive and diagnostics: archive sizes, export, import (through the
 * background, which checks and stores every record), and the diagnostics log with Copy and Clear.
 * Nothing here writes IndexedDB.
 */
import { signal, computed } from '@preact/signals';
import { MAX_IMPORT_BYTES, tooLargeMessage, type ImportReport } from '../archive/report';
import type { Account } from '../db/schema';
import { formatDiagnostics, logDiagnostic, type DiagnosticEntry } from '../diagnostics';
import { isDeskError } from '../errors';
import { t } from '../i18n';
import type { ImportPhase, Notice, RequestName, Requests } from '../messaging/protocol';

export interface ArchiveSize {
  messages: number;
  bytes: number;
}

export interface ArchiveDeps {
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
  archiveSizes(): Promise<Map<string, ArchiveSize>>;
  /** The account's export as a file (built in parts from batched reads: lib/archive/export-stream.ts). */
  exportArchive(scope: { accountIds: string[] }, kind: 'json' | 'csv'): Promise<Blob>;
  download(name: string, file: Blob): void;
  /** Asks the browser not to evict the archive under storage pressure; resolves whether it agreed. */
  persistStorage(): Promise<boolean>;
  /** Stores an imported file's saved replies (sync storage, written by the page) and says how it went. */
  importReplies?(text: string): Promise<Pick<ImportReport, 'savedReplies' | 'savedRepliesError'>>;
  /** The accounts changed (an import may add conversations to them). */
  onImported(): void;
  now?: () => number;
}

export type ArchiveModel = ReturnType<typeof createArchiveModel>;

/**
 * Long work the page shows a progress bar for: this page's import (reading the file, then the
 * background's phases), or the background building the search index over the whole cache.
 * `total` 0: not known yet (the bar shows that it is busy).
 */
export type ArchiveProgress =
  { task: 'import'; phase: 'reading' | ImportPhase; done: number; total: number } | { task: 'index'; done: number; total: number };

export const exportFailed = (): string => t('archive.exportFailed');
export const unreadableFile = (): string => t('archive.unreadableFile');

/** The part of a chosen file the import needs. */
export type ImportFile = Pick<File, 'size' | 'text'>;

export function createArchiveModel(deps: ArchiveDeps) {
  const now = deps.now ?? Date.now;
  /** Messages and bytes per account; null while measuring. */
  const sizes = signal<Map<string, ArchiveSize> | null>(null);
  /** The browser keeps the archive under storage pressure; null until it answered. */
  const persisted = signal<boolean | null>(null);
  const importing = signal(false);
  const importProgress = signal<ArchiveProgress | null>(null);
  const indexProgress = signal<ArchiveProgress | null>(null);
  const report = signal<ImportReport | null>(null);
  /** Why the last import or export did not work, in words for the person. */
  const problem = signal<string | null>(null);

  const measure = async (): Promise<void> => {
    try {
      sizes.value = await deps.archiveSizes();
    } catch (e) {
      logDiagnostic('ui', 'Could not measure the archive', e);
      sizes.value = new Map();
    }
  };

  const askToPersist = async (): Promise<void> => {
    try {
      persisted.value = await deps.persistStorage();
    } catch (e) {
      logDiagnostic('ui', 'The browser did not answer whether it keeps the archive', e);
      persisted.value = false;
    }
  };

  const stamp = (): string => new Date(now()).toISOString().slice(0, 10);

  const exportAccount = async (account: Account, kind: 'json' | 'csv'): Promise<void> => {
    problem.value = null;
    try {
      const file = await deps.exportArchive({ accountIds: [account.id] }, kind);
      deps.download(`dm-desk-${account.username}-${stamp()}.${kind}`, file);
    } catch (e) {
      logDiagnostic('ui', 'An archive export failed', e);
      problem.value = exportFailed();
    }
  };

  // The background checks and stores the file (pages never write what came from outside).
  const importFile = async (file: ImportFile): Promise<void> => {
    problem.value = null;
    report.value = null;
    if (file.size > MAX_IMPORT_BYTES) {
      problem.value = tooLargeMessage();
      return;
    }
    importing.value = true;
    importProgress.value = { task: 'import', phase: 'reading', done: 0, total: 0 };
    try {
      const text = await file.text();
      const imported = await deps.request('importArchive', { text });
      report.value = { ...imported, ...(await deps.importReplies?.(text)) };
      void measure();
      deps.onImported();
    } catch (e) {
      if (!isDeskError(e)) logDiagnostic('import', 'The archive file could not be read or sent', e);
      problem.value = isDeskError(e) ? e.message : unreadableFile();
    } finally {
      importing.value = false;
      importProgress.value = null;
    }
  };

  /** The background's progress notices (the options model passes every notice on). */
  const onNotice = (notice: Notice): void => {
    if (notice.type === 'import-progress' && importing.value) {
      const { phase, done, total } = notice;
      importProgress.value = { task: 'import', phase, done, total };
    } else if (notice.type === 'search-index-progress') {
      indexProgress.value = notice.done < notice.total ? { task: 'index', done: notice.done, total: notice.total } : null;
    }
  };

  return {
    sizes: computed(() => sizes.value),
    persisted: computed(() => persisted.value),
    importing: computed(() => importing.value),
    /** The import's progress while it runs, else the search index's while it is built; null when idle. */
    progress: computed(() => importProgress.value ?? indexProgress.value),
    onNotice,
    report: computed(() => report.value),
    problem: computed(() => problem.value),
    start: (): Promise<unknown> => Promise.all([measure(), askToPersist()]),
    measure,
    exportAccount,
    importFile,
  };
}

export interface DiagnosticsDeps {
  readDiagnostics(): Promise<DiagnosticEntry[]>;
  watchDiagnostics(listener: (entries: DiagnosticEntry[]) => void): () => void;
  clearDiagnostics(): Promise<void>;
  copyText(text: string): Promise<void>;
}

export type DiagnosticsModel = ReturnType<typeof createDiagnosticsModel>;

export const copiedNote = (): string => t('options.copied');
export const copyRefused = (): string => t('options.copyRefused');
export const clearFailed = (): string => t('options.clearFailed');

export function createDiagnosticsModel(deps: DiagnosticsDeps) {
  /** Every kept entry, oldest first; null until read. */
  const entries = signal<DiagnosticEntry[] | null>(null);
  /** What the last Copy or Clear did. */
  const note = signal<string | null>(null);
  let unwatch: (() => void) | null = null;

  const start = async (): Promise<void> => {
    unwatch ??= deps.watchDiagnostics((next) => {
      entries.value = next;
    });
    try {
      const read = await deps.readDiagnostics();
      entries.value ??= read;
    } catch (e) {
      logDiagnostic('ui', 'The diagnostics log could not be read', e);
      entries.value ??= [];
    }
  };

  return {
    entries: computed(() => entries.value),
    note: computed(() => note.value),
    start,
    copy: async (): Promise<void> => {
      try {
        await deps.copyText(formatDiagnostics(entries.value ?? []));
        note.value = copiedNote();
      } catch (e) {
        logDiagnostic('ui', 'The browser refused to copy the diagnostics', e);
        note.value = copyRefused();
      }
    },
    clear: async (): Promise<void> => {
      note.value = null;
      try {
        await deps.clearDiagnostics();
      } catch (e) {
        logDiagnostic('ui', 'The diagnostics log could not be cleared', e);
        note.value = clearFailed();
      }
    },
    dispose: (): void => {
      unwatch?.();
      unwatch = null;
    },
  };
}
