/**
 * The Graph API emulator for unit tests of DM Desk's own code: one real server per test file (on
 * a free port), its admin API, and a Page token from its OAuth dialog.
 */
import { afterAll, beforeAll } from 'vitest';
import { AuthService } from '@/lib/auth/service';
import { memoryTokenStore } from '@/lib/auth/token-store';
import { putAccount } from '@/lib/db';
import type { GraphClient } from '@/lib/graph/client';
import { startEmulator, type Emulator } from '../../emulator/server';

/** Seeded accounts the tests talk about (ids are stable across restarts). */
export const LUMEN = { ig: '17841045117986554', page: '196286525693883', username: 'lumencoffee' };
export const ATELIER = { ig: '17841015812558965', page: '191423636225984', username: 'ateliernord' };

export interface TestEmulator {
  readonly url: string;
  readonly graphBase: string;
  readonly dialogUrl: string;
  /** Calls `/__admin/<path>` and returns its JSON answer (null when empty). */
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  /** A Page token for `pageId`, from a login through the emulator's dialog. */
  pageToken(pageId?: string): Promise<string>;
}

/** Starts an emulator before the file's tests and closes it after them. */
export function useEmulator(): TestEmulator {
  let running: Emulator | undefined;
  beforeAll(async () => {
    running = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await running?.close();
  });
  const current = (): Emulator => {
    if (!running) throw new Error('the emulator is not running yet: use it inside a test or a hook');
    return running;
  };
  const admin = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${current().url}/__admin/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : null;
  };
  return {
    get url() {
      return current().url;
    },
    get graphBase() {
      return current().graphBase;
    },
    get dialogUrl() {
      return current().dialogUrl;
    },
    admin,
    async pageToken(pageId = LUMEN.page) {
      await admin('POST', 'consent', { remember: true });
      const res = await fetch(
        `${current().dialogUrl}?client_id=1&redirect_uri=https://x.chromiumapp.org/&response_type=token&state=s&scope=instagram_basic,instagram_manage_messages,pages_show_list`,
        { redirect: 'manual' },
      );
      const userToken = new URLSearchParams(new URL(res.headers.get('location')!).hash.slice(1)).get('access_token')!;
      const pages = (await (await fetch(`${current().graphBase}/me/accounts?fields=id,access_token&access_token=${userToken}`)).json()) as {
        data: Array<{ id: string; access_token: string }>;
      };
      return pages.data.find((p) => p.id === pageId)!.access_token;
    },
  };
}

/**
 * Lumen connected as after a login: its account row in the cache and an AuthService that holds
 * only its Page token (a silent re-login finds nothing).
 */
export async function connectLumen(emulator: TestEmulator, client: GraphClient, token: string): Promise<AuthService> {
  const auth = new AuthService({
    client,
    endpoints: async () => ({ graphApiBase: emulator.graphBase, oauthDialogUrl: emulator.dialogUrl, appId: '1' }),
    launch: async () => undefined,
    redirectUrl: () => 'https://x.chromiumapp.org/',
    tokens: memoryTokenStore({ user: null, pages: { [LUMEN.ig]: { pageId: LUMEN.page, token } } }),
    onAccountsChanged: () => undefined,
  });
  await putAccount({
    id: LUMEN.ig,
    pageId: LUMEN.page,
    pageName: 'Lumen',
    username: LUMEN.username,
    name: null,
    pictureUrl: null,
    status: 'ok',
    order: 0,
    connectedAt: 0,
  });
  return auth;
}
