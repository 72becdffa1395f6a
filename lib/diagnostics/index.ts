/**
 * A small diagnostics log: what went wrong, where and when, so a person can report it. It is a
 * bounded ring buffer in the extension's local storage, shared by the background and every page.
 *
 * Never put tokens, message text, names or URLs with query strings into an entry: callers pass a
 * fixed description, and errors are reduced to their kind and codes (see `describeError`).
 */
import { storage, type StorageItem } from '../storage';
import { GraphError } from '../graph/errors';
import { DeskError } from '../errors';

export type DiagnosticLevel = 'info' | 'warn' | 'error';

export interface DiagnosticEntry {
  at: number;
  level: DiagnosticLevel;
  /** The part of DM Desk that wrote it: 'outbox', 'sync', 'auth', 'import', 'ui', … */
  area: string;
  /** A fixed description written by the caller (no user content). */
  message: string;
  /** What the error was, reduced to safe facts: its class, kind and Graph codes. */
  error: string | null;
}

/** How many entries are kept; older ones fall off. */
export const DIAGNOSTICS_LIMIT = 300;

/** Defined on first use: the benchmark and the emulator import modules that import this one, outside an extension. */
let item: StorageItem<DiagnosticEntry[]> | null = null;
function diagnosticsItem(): StorageItem<DiagnosticEntry[]> {
  item ??= /* @__PURE__ */ storage.defineItem<DiagnosticEntry[]>('local:diagnostics.log', { fallback: [] });
  return item;
}

/**
 * An error as safe facts only: never its free text, which may echo what a user typed. In English on
 * purpose, like every entry of the log: it goes into bug reports.
 */
export function describeError(e: unknown): string | null {
  if (e === undefined || e === null) return null;
  if (e instanceof GraphError) {
    // i18n-exempt: diagnostics log text, English for bug reports
    const parts = [`GraphError ${e.kind}`];
    if (e.code !== null) parts.push(`code ${e.code}`);
    if (e.subcode !== null) parts.push(`subcode ${e.subcode}`);
    if (e.httpStatus !== null) parts.push(`HTTP ${e.httpStatus}`);
    // i18n-exempt: diagnostics log text, English for bug reports
    if (e.retryAfterMs !== null) parts.push(`retry after ${Math.round(e.retryAfterMs / 1000)} s`);
    return parts.join(', ');
  }
  // i18n-exempt: diagnostics log text, English for bug reports
  if (e instanceof DeskError) return `DeskError ${e.kind}`;
  if (typeof DOMException !== 'undefined' && e instanceof DOMException) return `DOMException ${e.name}`;
  // i18n-exempt: diagnostics log text, English for bug reports
  if (e instanceof Error) return e.name || 'Error';
  return typeof e;
}

let pending: DiagnosticEntry[] = [];
let flushing: Promise<void> | null = null;
let clock: () => number = () => Date.now();

/** Tests may replace the clock. */
export function setDiagnosticsClock(now: () => number): void {
  clock = now;
}

/**
 * Adds an entry. Never throws and never waits: logging must not turn one failure into two.
 * Entries written in the same moment are stored together.
 */
export function logDiagnostic(area: string, message: string, error?: unknown, level: DiagnosticLevel = error ? 'warn' : 'info'): void {
  pending.push({ at: clock(), level, area, message, error: describeError(error) });
  flushing ??= flush();
}

async function flush(): Promise<void> {
  try {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      // The log cannot report its own failures: an unreadable log starts afresh, and a refused
      // write loses this batch rather than throwing into the code that logged it.
      const stored = await diagnosticsItem()
        .getValue()
        .catch(() => [] as DiagnosticEntry[]);
      const next = [...(Array.isArray(stored) ? stored : []), ...batch].slice(-DIAGNOSTICS_LIMIT);
      await diagnosticsItem()
        .setValue(next)
        .catch(() => undefined);
    }
  } finally {
    flushing = null;
  }
}

/** Resolves once every entry logged so far is stored (tests, and before showing the log). */
export async function flushDiagnostics(): Promise<void> {
  while (flushing) await flushing;
}

/** Every kept entry, oldest first. */
export async function readDiagnostics(): Promise<DiagnosticEntry[]> {
  await flushDiagnostics();
  const stored = await diagnosticsItem().getValue();
  return Array.isArray(stored) ? stored : [];
}

export async function clearDiagnostics(): Promise<void> {
  await flushDiagnostics();
  await diagnosticsItem().setValue([]);
}

/** The log as plain text, one entry a line, for "Copy" on the options page. */
export function formatDiagnostics(entries: readonly DiagnosticEntry[]): string {
  return entries
    .map((e) => `${new Date(e.at).toISOString()} ${e.level.toUpperCase()} [${e.area}] ${e.message}${e.error ? ` (${e.error})` : ''}`)
    .join('\n');
}

/** Watches the log (options page). Returns an unsubscribe function. */
export function watchDiagnostics(listener: (entries: DiagnosticEntry[]) => void): () => void {
  return diagnosticsItem().watch((value) => listener(Array.isArray(value) ? value : []));
}
