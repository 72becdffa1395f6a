/**
 * Opening an IndexedDB database so that two tabs (or a page and the background) never leave each
 * other hanging while one of them upgrades it. Both of DM Desk's databases open through here.
 *
 * - blocked: another page still holds an older version open, so this open waits. The wait is
 *   logged and announced (`onDatabaseEvent`) so a page can tell the person to close or reload
 *   the other DM Desk tab; the open goes on by itself once the other side lets go.
 * - blocking: this page holds the version a newer open (or a delete) waits for. The connection is
 *   closed at once so the other side proceeds, and the next read opens the database again.
 * - terminated: the browser closed the connection (storage cleared, disk error). The next read
 *   opens it again.
 */
import { openDB, type DBSchema, type IDBPDatabase, type OpenDBCallbacks } from 'idb';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { t } from '../i18n';

export type DatabaseEvent =
  /** Another page holds an older version open: this open waits until it closes or reloads. */
  | { type: 'blocked'; database: string }
  /** The open that was waiting went through. */
  | { type: 'unblocked'; database: string }
  /** A newer version (or a delete) asked for the database: this page let go of its connection. */
  | { type: 'released'; database: string };

/** What a page can show while a database open is blocked. */
export const blockedMessage = (): string => t('inbox.databaseBlocked');

/** What a read answers when the database on disk is newer than this page (DM Desk was updated). */
export const outdatedMessage = (): string => t('inbox.databaseOutdated');

const listeners = new Set<(event: DatabaseEvent) => void>();

/** Calls `listener` on every blocked/unblocked/released event of either database; returns an unsubscribe function. */
export function onDatabaseEvent(listener: (event: DatabaseEvent) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function emit(event: DatabaseEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (e) {
      logDiagnostic('db', 'A database event listener failed', e);
    }
  }
}

export interface Connection<S extends DBSchema> {
  /** The open database: opened on the first call, and again after it was released or terminated. */
  get(): Promise<IDBPDatabase<S>>;
  /** Forgets the handle without closing it (tests start each case on a fresh IndexedDB). */
  reset(): void;
}

/**
 * A lazily opened connection to `name` at `version`. A failed open is not remembered: the next
 * call tries again.
 */
export function connection<S extends DBSchema>(name: string, version: number, upgrade: OpenDBCallbacks<S>['upgrade']): Connection<S> {
  let handle: Promise<IDBPDatabase<S>> | null = null;

  const open = (): Promise<IDBPDatabase<S>> => {
    let blocked = false;
    const opening: Promise<IDBPDatabase<S>> = openDB<S>(name, version, {
      upgrade,
      blocked: () => {
        blocked = true;
        logDiagnostic('db', 'Opening the local database waits for another DM Desk page to close it', undefined, 'warn');
        emit({ type: 'blocked', database: name });
      },
      blocking: (_current, _next, event) => {
        // Let the newer version (or a delete) through; this page opens the database again on its next read.
        (event.target as IDBDatabase).close();
        if (handle === opening) handle = null;
        emit({ type: 'released', database: name });
      },
      terminated: () => {
        logDiagnostic('db', 'The browser closed the local database unexpectedly', undefined, 'warn');
        if (handle === opening) handle = null;
      },
    }).then(
      (db) => {
        if (blocked) emit({ type: 'unblocked', database: name });
        return db;
      },
      (e: unknown) => {
        if (handle === opening) handle = null;
        if (e instanceof DOMException && e.name === 'VersionError') {
          logDiagnostic('db', 'The local database is newer than this page', e, 'warn');
          throw new DeskError('failed', outdatedMessage());
        }
        logDiagnostic('db', 'Could not open the local database', e, 'error');
        throw e;
      },
    );
    return opening;
  };

  return {
    get: () => (handle ??= open()),
    reset: () => {
      handle = null;
    },
  };
}
