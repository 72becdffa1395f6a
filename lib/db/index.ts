/**
 * The local cache: lib/db owns both IndexedDB databases ('dm-desk' here, 'dm-desk-search' in
 * search-db.ts) and every read and write of them. UI pages read through these query functions;
 * only the background writes what came from Meta. Merges are keyed by Meta's ids and never
 * delete a message Meta stopped serving.
 *
 * One file per concern; this one re-exports them so callers import from '@/lib/db'.
 */
export type * from './schema';
export { getDB, resetDBHandle, upgradeDeskDB } from './desk-db';
export { onDatabaseEvent, blockedMessage, outdatedMessage, type DatabaseEvent } from './connection';
export * from './accounts';
export * from './conversations';
export * from './messages';
export * from './sync-state';
export * from './profiles';
export * from './uploads';
export * from './outbox';
export * from './local-state';
export * from './desk';
