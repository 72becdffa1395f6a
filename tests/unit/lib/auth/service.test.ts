// @vitest-environment node
/**
 * AuthService against the Graph API emulator (a real HTTP server on a random port), with
 * fake-indexeddb as the cache. The login window is the emulator's own dialog: an interactive
 * login is a person pressing Continue; a silent one works only while Meta remembers the consent.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthService, SILENT_RELOGIN_BACKOFF_MS, type SyncControl } from '@/lib/auth/service';
import { memoryTokenStore, type TokenStore } from '@/lib/auth/token-store';
import { getDB, getSyncState, listAccounts, resetDBHandle } from '@/lib/db';
import { DeskError } from '@/lib/errors';
import { listConversations } from '@/lib/graph/api';
import { GraphClient } from '@/lib/graph/client';
import { RateBudget } from '@/lib/graph/rate-budget';
import { SyncService } from '@/lib/sync/service';
import { ATELIER, LUMEN, useEmulator } from '../../support/emulator';

const ALL_USERNAMES = ['lumencoffee', 'ateliernord', 'quietstudio', 'pineandpixel'];

const emulator = useEmulator();
const admin = emulator.admin;
beforeEach(async () => {
  await admin('POST', 'reset');
  globalThis.indexedDB = new IDBFactory();
  resetDBHandle();
});

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

async function requests(): Promise<LoggedRequest[]> {
  return (await admin('GET', 'requests')) as LoggedRequest[];
}

/** Meta forgets (or remembers) that the person consented: a silent login works only while it remembers. */
const silentLoginWorks = (works: boolean) => admin('POST', 'consent', { remember: works });

/** Every call with this account's Page token answers 190 until cleared. */
const expireOnly = (acct: { page: string }) => admin('POST', 'faults', { match: `/${acct.page}/`, kind: 'token_expired', times: 0 });

interface Harness {
  auth: AuthService;
  tokens: TokenStore;
  /** One entry per login window opened: true when interactive. */
  launches: boolean[];
  clock: { now: number };
  /** A new AuthService on the same stored state, as after a worker restart. */
  restart(): AuthService;
}

function harness(opts: { syncControl?: () => SyncControl } = {}): Harness {
  const tokens = memoryTokenStore();
  const launches: boolean[] = [];
  const clock = { now: Date.UTC(2026, 0, 10, 12) };
  const client = new GraphClient({ baseUrl: async () => emulator.graphBase, budget: new RateBudget(50) });
  const make = () =>
    new AuthService({
      client,
      endpoints: async () => ({ graphApiBase: emulator.graphBase, oauthDialogUrl: emulator.dialogUrl, appId: '1' }),
      launch: async (url, interactive) => {
        launches.push(interactive);
        // An interactive login is the person pressing Continue on the consent page.
        if (interactive) await silentLoginWorks(true);
        const res = await fetch(url, { redirect: 'manual' });
        return res.headers.get('location') ?? undefined;
      },
      redirectUrl: () => 'https://x.chromiumapp.org/',
      tokens,
      onAccountsChanged: () => undefined,
      syncControl: opts.syncControl?.(),
      now: () => clock.now,
    });
  return { auth: make(), tokens, launches, clock, restart: make };
}

/** Lists one page of the account's conversations: any Graph read with its Page token. */
function readInbox(auth: AuthService, acct: { ig: string }): Promise<unknown> {
  const client = new GraphClient({ baseUrl: async () => emulator.graphBase, budget: new RateBudget(50) });
  return auth.withPageToken(acct.ig, (p) =>
    listConversations(client, { pageId: p.pageId, pageToken: p.token, budgetKey: acct.ig, limit: 5, messageLimit: 5 }),
  );
}

async function usernames(): Promise<string[]> {
  return (await listAccounts()).map((a) => a.username);
}

async function statuses(): Promise<Record<string, string>> {
  return Object.fromEntries((await listAccounts()).map((a) => [a.username, a.status]));
}

/** Every record in the cache that belongs to the account, per store. */
async function recordsOf(accountId: string): Promise<Record<string, number>> {
  const db = await getDB();
  const found: Record<string, number> = {};
  for (const name of [...db.objectStoreNames]) {
    const keyPath = db.transaction(name).store.keyPath;
    const records = (await db.getAll(name)) as unknown as Array<Record<string, unknown>>;
    const n = records.filter((r) => r.accountId === accountId || (typeof keyPath === 'string' && r[keyPath] === accountId)).length;
    if (n > 0) found[name] = n;
  }
  return found;
}

describe('a disconnected account stays disconnected', () => {
  it.each([
    { when: 'in the same worker', restart: false },
    { when: 'after a worker restart', restart: true },
  ])('a silent re-login does not bring it back ($when)', async ({ restart }) => {
    const h = harness();
    expect(await h.auth.connect()).toBe(4);
    await h.auth.disconnect(ATELIER.ig);
    const auth = restart ? h.restart() : h.auth;

    await admin('POST', 'expire-tokens');
    await readInbox(auth, LUMEN);

    expect(h.launches).toEqual([true, false]); // the silent re-login did run
    expect(await usernames()).toEqual(['lumencoffee', 'quietstudio', 'pineandpixel']);
    expect(Object.keys((await h.tokens.get()).pages)).not.toContain(ATELIER.ig);
    await expect(readInbox(auth, ATELIER)).rejects.toThrow('not connected any more');
  });

  it('an interactive Connect brings it back, and it then stays through silent re-logins', async () => {
    const h = harness();
    await h.auth.connect();
    await h.auth.disconnect(ATELIER.ig);
    expect(await h.auth.connect()).toBe(4);
    expect(await usernames()).toEqual(ALL_USERNAMES.filter((u) => u !== 'ateliernord').concat('ateliernord'));
    expect((await statuses()).ateliernord).toBe('ok');

    await admin('POST', 'expire-tokens');
    await readInbox(h.auth, ATELIER);
    expect(h.launches).toEqual([true, true, false]);
    expect(await usernames()).toContain('ateliernord');
  });
});

describe('an expired login on one account', () => {
  it.each([
    { case: 'the silent re-login works but the account stays refused', silent: true },
    { case: 'the silent re-login fails', silent: false },
  ])('marks only that account "Reconnect" ($case)', async ({ silent }) => {
    const h = harness();
    await h.auth.connect();
    await silentLoginWorks(silent);
    await expireOnly(ATELIER);

    await expect(readInbox(h.auth, ATELIER)).rejects.toThrow(DeskError);
    await expect(readInbox(h.auth, LUMEN)).resolves.toBeDefined();

    expect(await statuses()).toEqual({ lumencoffee: 'ok', ateliernord: 'reconnect', quietstudio: 'ok', pineandpixel: 'ok' });
    expect(h.launches).toEqual([true, false]);
  });

  it('a silent re-login that works renews the other accounts and restores their status', async () => {
    const h = harness();
    await h.auth.connect();
    await silentLoginWorks(false);
    await admin('POST', 'expire-tokens');
    await expect(readInbox(h.auth, LUMEN)).rejects.toThrow('Reconnect');
    expect((await statuses()).lumencoffee).toBe('reconnect');

    // Later Atelier hits the expired login too, and this time Meta renews it silently.
    await silentLoginWorks(true);
    await readInbox(h.auth, ATELIER);
    expect(await statuses()).toEqual({ lumencoffee: 'ok', ateliernord: 'ok', quietstudio: 'ok', pineandpixel: 'ok' });
    await expect(readInbox(h.auth, LUMEN)).resolves.toBeDefined();
  });
});

describe('the silent re-login backs off per account', () => {
  const minute = 60_000;
  it.each([
    { when: 'in the same worker', restart: false },
    { when: 'after a worker restart', restart: true },
  ])('a second 190 within the backoff opens no login window and fails with Reconnect ($when)', async ({ restart }) => {
    const h = harness();
    await h.auth.connect();
    await expireOnly(ATELIER);
    await expect(readInbox(h.auth, ATELIER)).rejects.toThrow('Reconnect');
    expect(h.launches).toEqual([true, false]);

    const auth = restart ? h.restart() : h.auth;
    await admin('DELETE', 'requests');
    // Every sync tick for the next 14 minutes (1 + 4 + 9).
    for (const minutes of [1, 4, 9]) {
      h.clock.now += minutes * minute;
      await expect(readInbox(auth, ATELIER)).rejects.toThrow('Your Meta login has expired. Reconnect');
    }
    expect(h.launches).toEqual([true, false]);
    // Only the account's own token was tried, once a tick: no login, no /me calls.
    expect((await requests()).filter((r) => r.path.includes('/me/'))).toEqual([]);
    expect((await requests()).filter((r) => r.path.includes(ATELIER.page))).toHaveLength(3);
    // Another account still renews its own login.
    await admin('POST', 'expire-tokens');
    await readInbox(auth, LUMEN);
    expect(h.launches).toEqual([true, false, false]);

    // Once the backoff is over, the account may try once more.
    h.clock.now += SILENT_RELOGIN_BACKOFF_MS;
    await expect(readInbox(auth, ATELIER)).rejects.toThrow('Reconnect');
    expect(h.launches).toEqual([true, false, false, false]);
    expect((await statuses()).ateliernord).toBe('reconnect');
  });

  it('a passing 190 during the backoff does not keep the account down: its token works again at once', async () => {
    const h = harness();
    await h.auth.connect();
    // Meta refuses the call and the retry after a silent re-login, then its hiccup passes.
    await admin('POST', 'faults', { match: `/${ATELIER.page}/`, kind: 'token_expired', times: 2 });
    await expect(readInbox(h.auth, ATELIER)).rejects.toThrow('Reconnect');
    expect(h.launches).toEqual([true, false]);
    h.clock.now += 60_000;
    await expect(readInbox(h.auth, ATELIER)).resolves.toBeDefined();
    expect(h.launches).toEqual([true, false]);
  });

  it('many calls hitting the same expired login share one login window', async () => {
    const h = harness();
    await h.auth.connect();
    await admin('POST', 'expire-tokens');
    await Promise.all([LUMEN, ATELIER, LUMEN, ATELIER].map((a) => readInbox(h.auth, a)));
    expect(h.launches).toEqual([true, false]);
  });

  it('an interactive Connect ends the backoff', async () => {
    const h = harness();
    await h.auth.connect();
    await expireOnly(ATELIER);
    await expect(readInbox(h.auth, ATELIER)).rejects.toThrow('Reconnect');
    await admin('DELETE', 'faults');
    await h.auth.connect();
    await expect(readInbox(h.auth, ATELIER)).resolves.toBeDefined();
    expect((await statuses()).ateliernord).toBe('ok');
  });
});

describe('disconnect', () => {
  it('waits for a running sync of the account and leaves no record of it', async () => {
    let sync: SyncService | null = null;
    const h = harness({ syncControl: () => ({ stop: (id) => sync!.stop(id), resume: (id) => sync!.resume(id) }) });
    await h.auth.connect();
    const client = new GraphClient({ baseUrl: async () => emulator.graphBase, budget: new RateBudget(50) });
    sync = new SyncService({ client, auth: h.auth, notify: () => undefined });
    // Meta takes its time to answer the first page, and the disconnect comes meanwhile.
    await admin('POST', 'faults', { match: `/${LUMEN.page}/conversations`, kind: 'latency', latencyMs: 600, times: 1 });
    const running = sync.syncAccount(LUMEN.ig);
    await vi.waitFor(async () => expect((await getSyncState(LUMEN.ig))?.running).toBe(true));
    await new Promise((r) => setTimeout(r, 100));
    await h.auth.disconnect(LUMEN.ig);
    await running.catch(() => undefined);
    // A timer tick right after must not bring anything back either.
    await sync.syncAll();

    expect(await recordsOf(LUMEN.ig)).toEqual({});
    expect(await usernames()).toEqual(['ateliernord', 'quietstudio', 'pineandpixel']);
  });

  it('lets the account sync again once it is connected again', async () => {
    let sync: SyncService | null = null;
    const h = harness({ syncControl: () => ({ stop: (id) => sync!.stop(id), resume: (id) => sync!.resume(id) }) });
    await h.auth.connect();
    const client = new GraphClient({ baseUrl: async () => emulator.graphBase, budget: new RateBudget(50) });
    sync = new SyncService({ client, auth: h.auth, notify: () => undefined });
    await h.auth.disconnect(ATELIER.ig);
    await h.auth.connect();
    await sync.syncAccount(ATELIER.ig);
    expect((await recordsOf(ATELIER.ig)).conversations).toBeGreaterThan(0);
  });
});

describe('revoking when the last account goes', () => {
  const hour = 3_600_000;
  it.each([
    {
      case: 'the stored user token still works',
      before: async () => undefined,
      clockAdvance: 0,
      revoke: 'revoked',
      silentLogins: 0,
    },
    {
      case: 'the stored user token expired at Meta: a silent re-login gets a fresh one',
      before: () => admin('POST', 'expire-tokens'),
      clockAdvance: 0,
      revoke: 'revoked',
      silentLogins: 1,
    },
    {
      case: 'the stored user token is past its expiry: a silent re-login gets a fresh one',
      before: async () => undefined,
      // The login dialog says the token lives about 60 days.
      clockAdvance: 61 * 24 * hour,
      revoke: 'revoked',
      silentLogins: 1,
    },
    {
      case: 'no fresh token can be had: it says so and still disconnects',
      before: async () => {
        await admin('POST', 'expire-tokens');
        await silentLoginWorks(false);
      },
      clockAdvance: 0,
      revoke: 'failed',
      silentLogins: 1,
    },
  ])('$case', async ({ before, clockAdvance, revoke, silentLogins }) => {
    const h = harness();
    await h.auth.connect();
    for (const id of (await listAccounts()).map((a) => a.id).filter((id) => id !== LUMEN.ig)) {
      expect(await h.auth.disconnect(id)).toEqual({ revoke: 'not-needed' });
    }
    await before();
    h.clock.now += clockAdvance;
    await admin('DELETE', 'requests');

    expect(await h.auth.disconnect(LUMEN.ig)).toEqual({ revoke });

    const revokes = (await requests()).filter((r) => r.method === 'DELETE' && r.path.endsWith('/me/permissions'));
    expect(revokes.some((r) => r.status === 200)).toBe(revoke === 'revoked');
    expect(h.launches.filter((interactive) => !interactive)).toHaveLength(silentLogins);
    expect(await listAccounts()).toEqual([]);
    expect(await recordsOf(LUMEN.ig)).toEqual({});
    const left = await h.tokens.get();
    expect(left.user).toBeNull();
    expect(left.pages).toEqual({});
  });
});
