/**
 * Who may import whom. DM Desk runs in two kinds of places:
 *
 * - the background (service worker): talks to Meta, holds the tokens, and is the only code that
 *   writes IndexedDB (what comes from Meta, and what pages ask it to keep);
 * - the UI pages (side panel, popup, options): render models, read IndexedDB through lib/db's
 *   query functions, and ask the background for every write (lib/messaging).
 *
 * The rules below keep each side's code out of the other's bundle. They are checked by
 * import-boundaries.test.ts, which follows every value import (type-only imports are erased at
 * build time, so they may cross). A module that is in neither list is shared: both sides may
 * use it, as long as it does not itself reach into either side.
 *
 * Shared by decision, though mostly used on one side:
 * - lib/attention/unread.ts: the unread rule is the same for the list, the popup and the badge;
 * - lib/search: pages query the index, the background fills it; both through lib/db's opener;
 * - lib/db: pages read, the background writes; the raw handle (RAW_DB) and the writers (DB_WRITERS)
 *   are restricted;
 * - lib/route.ts: deep-link addresses, written by the side panel and by notification clicks.
 *
 * Paths are relative to the repository root; a folder ends with '/'.
 */

/** The UI: everything a page bundles from its own entry point. */
export const UI: readonly string[] = ['entrypoints/sidepanel/', 'entrypoints/popup/', 'entrypoints/options/', 'components/', 'lib/models/'];

/**
 * Background-only: Meta I/O, tokens, sync, sending, importing. Pages never import these (not even
 * through a shared module); they ask the background instead.
 */
export const BACKGROUND: readonly string[] = [
  'entrypoints/background.ts',
  'lib/auth/',
  'lib/sync/',
  'lib/outbox/',
  'lib/graph/',
  'lib/contacts/profile.ts',
  'lib/contacts/names.ts',
  'lib/attention/index.ts',
  'lib/attention/announce-named.ts',
  'lib/desk/writes.ts',
  'lib/desk/snooze-alarm.ts',
  'lib/archive/import.ts',
  'lib/archive/records.ts',
  'lib/archive/merge.ts',
  'lib/archive/desk-records.ts',
  'lib/archive/desk-merge.ts',
  'lib/archive/search-docs.ts',
  'lib/errors-map.ts',
  'lib/messaging/reply-box-writes.ts',
];

/**
 * Exceptions to BACKGROUND that pages may use: they talk to no one and write nothing.
 * - lib/outbox/status.ts: what an outbox item means in plain words (bubble and popup);
 * - lib/graph/types.ts: the shapes of attachments, reactions and stories a message carries;
 * - lib/graph/errors.ts: the error class (the diagnostics log reduces errors to their codes);
 * - lib/graph/read.ts: reading untrusted JSON and links safely (message text links use it too).
 */
export const SHARED_EXCEPTIONS: readonly string[] = [
  'lib/outbox/status.ts',
  'lib/graph/types.ts',
  'lib/graph/errors.ts',
  'lib/graph/read.ts',
];

/**
 * The raw database handle. Only lib/db itself and background-only code may take it; everything
 * else reads through lib/db's query functions (so a page never writes by accident, and lib/db
 * can change its stores without hunting for callers).
 */
export const RAW_DB = { module: 'lib/db/desk-db.ts', reexportedBy: 'lib/db/index.ts', name: 'getDB', owner: 'lib/db/' } as const;

/**
 * lib/db's writers: every exported function that changes either database, by file. Only lib/db
 * itself and background-only code may import them; pages ask the background instead (a request
 * in lib/messaging/protocol.ts). The import-boundary test reads lib/db's source and fails when a
 * function that writes is missing here, so a new writer cannot slip past by its name.
 */
export const DB_WRITERS: Readonly<Record<string, readonly string[]>> = {
  'lib/db/accounts.ts': ['putAccount', 'deleteAccountData'],
  'lib/db/cache-writes.ts': ['withCacheWrite', 'updateMessage', 'markWindowClosed'],
  'lib/db/desk-db.ts': ['upgradeDeskDB'],
  'lib/db/desk.ts': ['updateDeskState', 'putDeskStates', 'putLabels', 'deleteLabel', 'putNotes', 'deleteNote'],
  'lib/db/local-state.ts': ['saveDraft', 'putOpenedState'],
  'lib/db/outbox.ts': ['putOutboxItem', 'replaceOutboxItem', 'deleteOutboxItem'],
  'lib/db/profiles.ts': ['putProfile', 'applyProfile'],
  'lib/db/search-db.ts': ['upgradeSearchDB'],
  'lib/db/sync-state.ts': ['putSyncState', 'updateSyncState'],
  'lib/db/uploads.ts': ['putUpload', 'deleteUploads'],
};

/** lib/db's entry point: it re-exports most of the files above, writers included (followed by the check). */
export const DB_INDEX = 'lib/db/index.ts';

/** Shared modules that may import a writer, by decision (none today: keep it so). */
export const SHARED_DB_WRITERS: readonly string[] = [];

export function isUI(file: string): boolean {
  return UI.some((p) => matches(file, p));
}

export function isBackgroundOnly(file: string): boolean {
  return BACKGROUND.some((p) => matches(file, p)) && !SHARED_EXCEPTIONS.includes(file);
}

function matches(file: string, pattern: string): boolean {
  return pattern.endsWith('/') ? file.startsWith(pattern) : file === pattern;
}
