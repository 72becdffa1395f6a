import { describe, expect, it } from 'vitest';
import type { SyncState } from '@/lib/db/schema';
import { DeskError } from '@/lib/errors';
import { GraphError } from '@/lib/graph/errors';
import type { SyncContext } from '@/lib/sync/context';
import { describeRateLimitWait, describeSyncFailure } from '@/lib/sync/failure';
import { INCREMENTAL_PAGE_SIZE, LIMITS_KEPT_MS, PAGE_SIZE, limitsOf, rateLimitedUntil } from '@/lib/sync/limits';

const NOW = Date.UTC(2026, 0, 10, 12);

function context(blockedUntil = 0): SyncContext {
  const budget = { blockedUntil: () => blockedUntil };
  return { deps: { client: { budget } } as unknown as SyncContext['deps'], now: () => NOW, isStopped: () => false };
}

const state = (over: Partial<SyncState>): SyncState => ({ accountId: 'ig1', ...over }) as SyncState;

describe('sync limits', () => {
  it('a first sync reads small pages, later ones larger', () => {
    expect(limitsOf(context(), undefined)).toEqual({ limit: PAGE_SIZE, messageLimit: 20 });
    expect(limitsOf(context(), state({ watermark: NOW - 1000 })).limit).toBe(INCREMENTAL_PAGE_SIZE);
  });

  it('reduced limits Meta asked for are kept for a day, then the full ones are tried again', () => {
    const reduced = state({ watermark: NOW - 1000, pageLimit: 12, messageLimit: 10, limitsReducedAt: NOW - 1000 });
    expect(limitsOf(context(), reduced)).toEqual({ limit: 12, messageLimit: 10 });
    expect(limitsOf(context(), { ...reduced, limitsReducedAt: NOW - LIMITS_KEPT_MS })).toEqual({
      limit: INCREMENTAL_PAGE_SIZE,
      messageLimit: 20,
    });
  });

  it('an account waits for the later of the client budget and the stored rate-limit time', () => {
    expect(rateLimitedUntil(context(NOW + 5000), 'ig1', state({ resumeAt: NOW + 1000 }))).toBe(NOW + 5000);
    expect(rateLimitedUntil(context(0), 'ig1', state({ resumeAt: NOW + 1000 }))).toBe(NOW + 1000);
    expect(rateLimitedUntil(context(0), 'ig1', undefined)).toBe(0);
  });
});

describe('sync failures in words', () => {
  it('a long rate-limit wait is told in whole minutes', () => {
    expect(describeRateLimitWait(61_000)).toMatch(/about 2 minutes/);
    expect(describeRateLimitWait(60_000)).toMatch(/about 1 minute;/);
  });

  it('failures about the account keep their kind; anything else is a plain failure', () => {
    expect(describeSyncFailure(new GraphError({ kind: 'permission', message: '' })).kind).toBe('permission');
    expect(describeSyncFailure(new GraphError({ kind: 'auth', message: '' })).kind).toBe('auth');
    expect(describeSyncFailure(new GraphError({ kind: 'transient', message: '' })).kind).toBe('failed');
    expect(describeSyncFailure(new DeskError('auth', 'Reconnect')).kind).toBe('auth');
    expect(describeSyncFailure(new DOMException('full', 'QuotaExceededError')).message).toMatch(/no more room/);
    expect(describeSyncFailure(new Error('boom'))).toMatchObject({ kind: 'failed' });
  });
});
