/**
 * End-to-end checks of the Firefox MV3 build in headless Firefox ESR, against the Graph API
 * emulator: install, connect through the consent window, read the list and a thread in the sidebar
 * page, send a reply, the popup's account pills, the toolbar badge, a notification for a new message,
 * and a quick reply from the popup.
 *
 *   npm run test:firefox                 # builds into .output/e2e-firefox, then runs
 *   DMDESK_SKIP_BUILD=1 npm run test:firefox
 *
 * Puppeteer cannot drive the sidebar itself (it is browser chrome, not a page), so the checks
 * drive sidepanel.html opened as a normal window (the same document) and read the real sidebar,
 * which Firefox opens on install, through `extension.getViews({type:'sidebar'})`.
 * The toolbar badge and notifications are read from an extension page through `browser.action`
 * and `browser.notifications.getAll()` (the event page has no target puppeteer can evaluate in).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { startEmulator, type Emulator } from '../emulator/server';
import { buildForEmulator } from '../emulator/extension-build';
import { GECKO_ID, launchFirefox, openExtensionPage, sidebarViews, waitForPage, type Firefox } from './firefox';
import { check, runChecks, until } from './harness';
import { aria, InboxPage, textOf } from './inbox-page';

const PORT = Number(process.env.DMDESK_FIREFOX_E2E_PORT ?? 47812);
const OUT_DIR = path.resolve('.output/e2e-firefox');
const EXTENSION_DIR = path.join(OUT_DIR, 'firefox-mv3');
const ACCOUNTS = ['Lumen Coffee', 'Atelier Nord', 'Quiet Studio', 'Pine & Pixel'];
/** Firefox's identity.getRedirectURL(): the SHA-1 of the add-on id, as hex, under allizom.org. */
const REDIRECT_URL = `https://${createHash('sha1').update(GECKO_ID).digest('hex')}.extensions.allizom.org/`;

let emulator: Emulator | undefined;
let firefox: Firefox | undefined;
let inbox: InboxPage;

/** POST on the emulator's admin API (tests/emulator/README.md). */
async function adminPost<T>(pathName: string, body: unknown): Promise<T> {
  const res = await fetch(`${emulator!.url}/__admin/${pathName}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST /__admin/${pathName} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** The toolbar button's badge text and tooltip, read through `browser.action` from an extension page. */
async function badge(fromExtensionPage: Page): Promise<{ text: string; title: string }> {
  return fromExtensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
    return { text: await api.action.getBadgeText({}), title: await api.action.getTitle({}) };
  });
}

/** The ids of the add-on's notifications that Firefox still holds. */
async function notificationIds(fromExtensionPage: Page): Promise<string[]> {
  return fromExtensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
    return Object.keys(await api.notifications.getAll());
  });
}

/** Asks the background to sync every account now, as the Refresh button does; resolves when done. */
async function syncNow(fromExtensionPage: Page): Promise<void> {
  const reply = await fromExtensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
    return api.runtime.sendMessage({ channel: 'dmdesk/request', name: 'sync', payload: {} });
  });
  assert.deepEqual(reply, { ok: true, value: null }, 'the sync request succeeded');
}

/** Accounts whose sync is running, from the add-on's IndexedDB (`dm-desk`, store `syncState`). */
async function syncsRunning(fromExtensionPage: Page): Promise<string[]> {
  return fromExtensionPage.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('dm-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('syncState').objectStore('syncState').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            open.result.close();
            resolve((read.result as { accountId: string; running?: boolean }[]).filter((s) => s.running).map((s) => s.accountId));
          };
        };
      }),
  );
}

/**
 * Waits until no account has been syncing for `quietMs`. A sync request that comes while an
 * account is already syncing skips that account (SyncService.syncAll), so a message injected in
 * the middle of someone else's sync (the sidebar syncs when it opens, the popup on every open)
 * would wait for the next alarm.
 */
async function syncsSettled(fromExtensionPage: Page, quietMs = 600): Promise<void> {
  let quietSince = Date.now();
  await until(
    async () => {
      const running = await syncsRunning(fromExtensionPage);
      if (running.length > 0) quietSince = Date.now();
      if (Date.now() - quietSince < quietMs) throw new Error(`still syncing: ${running.join(', ') || '(settling)'}`);
    },
    { timeout: 15_000 },
  );
}

/** GET on the emulator's admin API (tests/emulator/README.md). */
async function adminGet<T>(pathAndQuery: string): Promise<T> {
  const res = await fetch(`${emulator!.url}/__admin/${pathAndQuery}`);
  if (!res.ok) throw new Error(`GET /__admin/${pathAndQuery} → ${res.status}`);
  return (await res.json()) as T;
}

const B = 'builds the Firefox MV3 add-on against the emulator';
const MANIFEST = 'the manifest has a sidebar, an event page, the gecko id and no Chrome-only permission';
const INSTALL = 'installs in Firefox ESR under its fixed id';
const EMPTY = 'the sidebar page starts with no accounts and offers Connect Account';
const CONNECT = 'Connect Account opens the consent window; Continue connects every account';
const LIST = 'the conversation list shows every conversation of the first account';
const THREAD = 'a conversation opens with its messages';
const REPLY = 'a reply appears in the thread and reaches the Graph API';
const SIDEBAR = 'the real Firefox sidebar shows sidepanel.html with the connected accounts';
const POPUP = 'the popup page shows the connected accounts as pills';
const OPEN_INBOX = 'Open inbox in the popup asks Firefox for the sidebar and closes the popup';
const BADGE_ATTENTION = 'the toolbar badge reads "!" with @pineandpixel (no messaging permission) in its title';
const NEW_MESSAGE = 'a new customer message makes the badge "1" and a notification after a sync';
const POPUP_REPLY = 'the popup counts 1 unread at Lumen Coffee, and its quick reply to ff.fan is delivered once';
const OPTIONS = 'the options page shows the allizom.org redirect URL to register with Meta';

check(
  B,
  async () => {
    if (process.env.DMDESK_SKIP_BUILD === '1') return;
    buildForEmulator({ port: PORT, outDir: OUT_DIR, browser: 'firefox', output: 'pipe' });
  },
  { timeout: 90_000 },
);

check(
  MANIFEST,
  async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      manifest_version: number;
      sidebar_action?: { default_panel?: string };
      background?: { scripts?: string[]; service_worker?: string };
      browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: unknown } };
      permissions?: string[];
      host_permissions?: string[];
    };
    assert.equal(manifest.manifest_version, 3);
    assert.equal(manifest.sidebar_action?.default_panel, 'sidepanel.html');
    assert.deepEqual(manifest.background?.scripts, ['background.js']);
    assert.equal(manifest.background?.service_worker, undefined);
    assert.equal(manifest.browser_specific_settings?.gecko?.id, GECKO_ID);
    assert.ok(manifest.browser_specific_settings?.gecko?.data_collection_permissions, 'data_collection_permissions');
    assert.ok(!manifest.permissions?.includes('sidePanel'), 'no sidePanel permission');
    assert.deepEqual(manifest.host_permissions, ['http://127.0.0.1/*', 'http://localhost/*']);
  },
  { needs: [B] },
);

check(
  INSTALL,
  async () => {
    emulator = await startEmulator({ port: PORT });
    firefox = await launchFirefox(EXTENSION_DIR);
    assert.equal(firefox.addonId, GECKO_ID);
  },
  { needs: [B], timeout: 30_000 },
);

check(
  EMPTY,
  async () => {
    inbox = new InboxPage(await openExtensionPage(firefox!.browser, 'sidepanel.html'));
    await inbox.get('heading', 'No Instagram accounts connected');
    await inbox.get('button', 'Connect Account');
  },
  { needs: [INSTALL] },
);

check(
  CONNECT,
  async () => {
    await (await inbox.get('button', 'Connect Account')).click();
    const consent = await waitForPage(firefox!.browser, '/dialog/oauth');
    assert.equal(new URL(consent.url()).searchParams.get('redirect_uri'), REDIRECT_URL);
    await (await new InboxPage(consent).get('button', 'Continue')).click();
    await inbox.expect(async () => assert.deepEqual(await inbox.pillNames(), ACCOUNTS), 15_000);
    assert.ok(await inbox.pillSelected('Lumen Coffee'), 'the first account is selected');
  },
  { needs: [EMPTY], timeout: 30_000 },
);

check(
  LIST,
  async () => {
    // 64 conversations: more than Meta's page size, so the list was paged.
    const rows = await inbox.expect(async () => {
      const texts = await inbox.rowTexts();
      assert.equal(texts.length, 64);
      return texts;
    }, 15_000);
    assert.match(rows[0] ?? '', /sofia\.bakes/);
    assert.match(rows[0] ?? '', /\b2m\b/);
    assert.equal(rows.filter((r) => r.includes('Instagram User')).length, 1);
  },
  { needs: [CONNECT], timeout: 30_000 },
);

check(
  THREAD,
  async () => {
    await (await inbox.row('sofia.bakes')).click();
    await inbox.get('region', 'Conversation with sofia.bakes');
    await inbox.get('heading', 'sofia.bakes');
    const messages = await inbox.expect(async () => {
      const texts = await inbox.messageTexts();
      assert.match(texts.at(-1) ?? '', /Can I still add 2 bags of Huila/);
      return texts;
    });
    assert.match(messages.at(-1) ?? '', /\d{1,2}:\d{2} (AM|PM)/);
    assert.ok(
      messages.some((m) => m.includes('Order #5120 is packed')),
      'an own message is in the thread',
    );
  },
  { needs: [LIST] },
);

check(
  REPLY,
  async () => {
    const TEXT = 'Thanks Hanna, your order ships on Monday.';
    const conversations = await adminGet<{ id: string; customer: { username: string | null } }[]>('messages?account=ateliernord');
    const conversation = conversations.find((c) => c.customer.username === 'hanna.design');
    assert.ok(conversation, 'the emulator has @hanna.design at Atelier Nord');

    // Narrow layout: back to the list, switch account, open the thread.
    await (await inbox.get('button', 'Back')).click();
    await (await inbox.get('tab', 'Atelier Nord')).click();
    await inbox.expect(async () => assert.ok(await inbox.pillSelected('Atelier Nord')));
    await (await inbox.row('hanna.design')).click();
    await inbox.get('region', 'Conversation with hanna.design');

    const box = await inbox.get('textbox', 'Message');
    await box.type(TEXT);
    await (await inbox.get('button', 'Send')).click();
    await inbox.expect(async () => assert.equal(await box.evaluate((e) => (e as HTMLTextAreaElement).value), ''));
    await inbox.expect(async () => assert.match((await inbox.messageTexts()).at(-1) ?? '', new RegExp(TEXT)));
    assert.equal((await inbox.messageTexts()).filter((m) => m.includes(TEXT)).length, 1, 'shown once');
    assert.equal(await inbox.has('alert'), false, 'no "Not sent." alert');

    const stored = await adminGet<{ text?: string; from: { username?: string } }[]>(
      `messages?account=ateliernord&conversation=${encodeURIComponent(conversation.id)}`,
    );
    const last = stored.at(-1);
    assert.equal(last?.text, TEXT);
    assert.equal(last?.from.username, 'ateliernord');
  },
  { needs: [CONNECT] },
);

check(
  SIDEBAR,
  async () => {
    const sidebar = await inbox.expect(async () => {
      const found = await sidebarViews(inbox.page);
      assert.ok(found.open, 'sidebarAction.isOpen');
      assert.ok(found.views.length >= 1, 'at least one sidebar view');
      for (const view of found.views) {
        // The side panel routes in the hash (deep links): `sidepanel.html#/account/<id>`.
        assert.match(view.url, /\/sidepanel\.html(#.*)?$/);
        assert.deepEqual(view.pills, ACCOUNTS);
      }
      return found;
    });
    assert.ok(!sidebar.views.some((v) => v.headings.includes('No Instagram accounts connected')));
  },
  { needs: [CONNECT] },
);

check(
  POPUP,
  async () => {
    const popup: Page = await openExtensionPage(firefox!.browser, 'popup.html', { width: 360, height: 500 });
    const page = new InboxPage(popup);
    await page.expect(async () => assert.deepEqual(await page.pillNames(), ACCOUNTS));
    assert.ok(await page.pillSelected('Lumen Coffee'));
    await popup.close();
  },
  { needs: [CONNECT] },
);

check(
  OPEN_INBOX,
  async () => {
    const popup = await openExtensionPage(firefox!.browser, 'popup.html', { width: 360, height: 500 });
    const page = new InboxPage(popup);
    // A puppeteer click is user input, so sidebarAction.open() is allowed; on success the popup
    // closes itself. On failure it would stay open and show an alert.
    await (await page.get('button', 'Open inbox')).click();
    await until(async () => {
      const alive = await popup.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? 'open').catch(() => null);
      if (alive !== null) throw new Error(`the popup is still open (${alive})`);
    });
    assert.ok((await sidebarViews(inbox.page)).open, 'the sidebar is open');
  },
  { needs: [CONNECT] },
);

/** The Lumen Coffee IG account id (tests/emulator/README.md, seed). */
const LUMEN_ID = '17841045117986554';
const INBOUND_TEXT = 'Hello from Firefox';
let inbound: { conversation_id: string; message_id: string } | undefined;

check(
  BADGE_ATTENTION,
  async () => {
    // The first sync after connecting marks Pine & Pixel as lacking the permission; nothing is unread.
    const shown = await until(
      async () => {
        const b = await badge(inbox.page);
        assert.equal(b.text, '!');
        assert.match(b.title, /@pineandpixel: permission required/);
        return b;
      },
      { timeout: 15_000 },
    );
    assert.match(shown.title, /^DM Desk — no unread conversations; needs attention:\n/);
    assert.deepEqual(await notificationIds(inbox.page), [], 'connecting notifies about nothing');
  },
  { needs: [CONNECT] },
);

check(
  NEW_MESSAGE,
  async () => {
    await syncsSettled(inbox.page);
    inbound = await adminPost<{ conversation_id: string; message_id: string }>('inbound', {
      account: 'lumencoffee',
      from: { username: 'ff.fan' },
      text: INBOUND_TEXT,
    });
    await syncNow(inbox.page);
    const shown = await until(
      async () => {
        const b = await badge(inbox.page);
        assert.equal(b.text, '1');
        return b;
      },
      { timeout: 15_000 },
    );
    // Still red for Pine & Pixel: the count replaces the "!" but the reason stays in the tooltip.
    assert.match(shown.title, /^DM Desk — 1 unread conversation; needs attention:\n@pineandpixel: permission required/);
    const ids = await until(
      async () => {
        const found = await notificationIds(inbox.page);
        assert.equal(found.length, 1, `one notification (${JSON.stringify(found)})`);
        return found;
      },
      { timeout: 10_000 },
    );
    assert.ok(ids[0]?.startsWith(`dmdesk|${LUMEN_ID}|${inbound.conversation_id}|`), `notification for ff.fan at Lumen Coffee: ${ids[0]}`);
  },
  { needs: [BADGE_ATTENTION], timeout: 30_000 },
);

check(
  POPUP_REPLY,
  async () => {
    const TEXT = 'Hi ff.fan, thanks for writing!';
    const conversationId = inbound!.conversation_id;
    const popup = await openExtensionPage(firefox!.browser, 'popup.html', { width: 360, height: 600 });
    try {
      const page = new InboxPage(popup);
      // The Lumen Coffee pill carries a count of 1 ("1 unread"); the others none.
      await page.expect(async () => {
        const pills = await page.within('tablist', 'Instagram accounts', 'tab');
        const counts: Record<string, string | null> = {};
        for (const pill of pills) {
          const [name, count] = await pill.evaluate((e) => [
            e.querySelector('.pill-label')?.textContent ?? '',
            e.querySelector('[aria-label$=" unread"]')?.getAttribute('aria-label') ?? null,
          ]);
          counts[name ?? ''] = count ?? null;
        }
        assert.deepEqual(counts, { 'Lumen Coffee': '1 unread', 'Atelier Nord': null, 'Quiet Studio': null, 'Pine & Pixel': null });
      });
      const row = await page.expect(async () => {
        const rows = await page.within('list', 'Unread conversations', 'button');
        assert.equal(rows.length, 1, 'one unread conversation');
        const text = await textOf(rows[0]!);
        assert.match(text, /ff\.fan/);
        assert.match(text, new RegExp(INBOUND_TEXT));
        return rows[0]!;
      });
      await row.click();
      const box = await page.get('textbox', 'Reply to ff.fan');
      await box.type(TEXT);
      await box.press('Enter');
      // A status takes no name from its content: read its text. "Sending…" first, then "Sent".
      await page.expect(async () => {
        const status = await popup.$(aria('status'));
        assert.equal(status ? await textOf(status) : null, 'Sent');
      }, 15_000);
      assert.equal(await box.evaluate((e) => (e as HTMLTextAreaElement).value), '', 'the box is emptied');
    } finally {
      await popup.close();
    }
    const stored = await adminGet<{ text?: string; from: { username?: string } }[]>(
      `messages?account=lumencoffee&conversation=${encodeURIComponent(conversationId)}`,
    );
    const sent = stored.filter((m) => m.text === TEXT);
    assert.equal(sent.length, 1, `delivered exactly once (${sent.length})`);
    assert.equal(sent[0]?.from.username, 'lumencoffee');
    assert.equal(stored.at(-1)?.text, TEXT, 'the reply is the newest message');
  },
  { needs: [NEW_MESSAGE], timeout: 30_000 },
);

check(
  OPTIONS,
  async () => {
    const options = await openExtensionPage(firefox!.browser, 'options.html', { width: 1000, height: 800 });
    const page = new InboxPage(options);
    await page.get('heading', 'DM Desk settings');
    await page.expect(async () => assert.equal(await textOf(await page.get('code', 'Redirect URL')), REDIRECT_URL));
    await options.close();
  },
  { needs: [INSTALL] },
);

const failed = await runChecks(async () => {
  await firefox?.close();
  await emulator?.close();
});
process.exit(failed ? 1 : 0);
