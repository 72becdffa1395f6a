// @vitest-environment node
/**
 * Connect, the main path of AuthService: Meta's login dialog (the emulator's), the accounts found
 * behind it, and the refusals a person can act on when the login cannot happen.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthService, type AuthDeps } from '@/lib/auth/service';
import { memoryTokenStore } from '@/lib/auth/token-store';
import { listAccounts, resetDBHandle } from '@/lib/db';
import { GraphClient } from '@/lib/graph/client';
import { RateBudget } from '@/lib/graph/rate-budget';
import { LUMEN, useEmulator } from '../../support/emulator';

const emulator = useEmulator();
beforeEach(async () => {
  await emulator.admin('POST', 'reset');
  globalThis.indexedDB = new IDBFactory();
  resetDBHandle();
});

const NOW = Date.UTC(2026, 0, 10, 12);

function service(over: Partial<AuthDeps> = {}): { auth: AuthService; deps: AuthDeps; changes: number[] } {
  const changes: number[] = [];
  const deps: AuthDeps = {
    client: new GraphClient({ baseUrl: async () => emulator.graphBase, budget: new RateBudget(50) }),
    endpoints: async () => ({ graphApiBase: emulator.graphBase, oauthDialogUrl: emulator.dialogUrl, appId: '1' }),
    launch: async (url) => {
      // The person presses Continue on the consent page.
      await emulator.admin('POST', 'consent', { remember: true });
      const res = await fetch(url, { redirect: 'manual' });
      return res.headers.get('location') ?? undefined;
    },
    redirectUrl: () => 'https://x.chromiumapp.org/',
    tokens: memoryTokenStore(),
    onAccountsChanged: () => changes.push(1),
    now: () => NOW,
    ...over,
  };
  return { auth: new AuthService(deps), deps, changes };
}

describe('connect', () => {
  it('stores every account found with its Page token, in order, ready to message', async () => {
    const { auth, deps, changes } = service();
    expect(await auth.connect()).toBe(4);

    const accounts = await listAccounts();
    expect(accounts.map((a) => [a.username, a.status, a.order])).toEqual([
      ['lumencoffee', 'ok', 0],
      ['ateliernord', 'ok', 1],
      ['quietstudio', 'ok', 2],
      ['pineandpixel', 'ok', 3],
    ]);
    expect(accounts.every((a) => a.connectedAt === NOW)).toBe(true);
    const tokens = await deps.tokens.get();
    expect(tokens.user?.token).toBeTruthy();
    expect(tokens.pages[LUMEN.ig]?.pageId).toBe(LUMEN.page);
    expect((await auth.pageTokenFor(LUMEN.ig)).token).toBe(tokens.pages[LUMEN.ig]?.token);
    expect(changes.length).toBeGreaterThan(0);
  });

  it('connecting again keeps each account where it was and when it was first connected', async () => {
    const clock = { now: NOW };
    const { auth } = service({ now: () => clock.now });
    await auth.connect();
    clock.now = NOW + 60_000;
    await auth.connect();
    const accounts = await listAccounts();
    expect(accounts.map((a) => a.order)).toEqual([0, 1, 2, 3]);
    expect(accounts.every((a) => a.connectedAt === NOW)).toBe(true);
  });

  it('without an app ID no login window opens, and the person is told where to enter it', async () => {
    let opened = 0;
    const { auth } = service({
      endpoints: async () => ({ graphApiBase: emulator.graphBase, oauthDialogUrl: emulator.dialogUrl, appId: '' }),
      launch: async () => {
        opened += 1;
        return undefined;
      },
    });
    await expect(auth.connect()).rejects.toMatchObject({ kind: 'not-configured' });
    expect(opened).toBe(0);
  });

  it('a login window that closes or does not load, or ends without an answer, connects nothing', async () => {
    const closed = service({ launch: async () => Promise.reject(new Error('The user did not approve access.')) });
    await expect(closed.auth.connect()).rejects.toMatchObject({
      kind: 'auth-failed',
      message: expect.stringMatching(/closed or could not load/),
    });

    const unanswered = service({ launch: async () => undefined });
    await expect(unanswered.auth.connect()).rejects.toMatchObject({
      kind: 'auth-failed',
      message: expect.stringMatching(/did not finish/),
    });
    expect(await listAccounts()).toEqual([]);
  });

  it('an account that is not connected has no Page token to use', async () => {
    const { auth } = service();
    await expect(auth.pageTokenFor(LUMEN.ig)).rejects.toMatchObject({ kind: 'auth' });
    await expect(auth.withPageToken(LUMEN.ig, async () => 'called')).rejects.toThrow('not connected any more');
  });
});
