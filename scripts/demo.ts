/**
 * `npm run demo`: the extension against the seeded Graph API emulator, in Chromium.
 * With a display it opens a browser to use; without one it runs headless, connects, and writes
 * screenshots of the side panel (narrow and wide), the popup and the options page to demo-output/,
 * and the store listings' screenshots to demo-output/store/.
 * `--lang de` (or es, pt-BR) starts the browser in that language; headless, it then writes the
 * side panel, the popup and the options page in it instead (`sidepanel-wide-de.png`, …).
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumArgs } from '../tests/e2e/chromium-args';
import { localeWords, shippedLanguages } from '../tests/e2e/locale-words';
import { startEmulator } from '../tests/emulator/server';
import { buildForEmulator } from '../tests/emulator/extension-build';
import { storeScreenshots } from './store/screenshots';

const PORT = Number(process.env.DMDESK_DEMO_PORT ?? 47810);
const OUT_DIR = path.resolve('.output/demo');
const EXTENSION_DIR = path.join(OUT_DIR, 'chrome-mv3');
const SHOTS_DIR = path.resolve('demo-output');
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const lang = languageArgument();

/** `--lang de` or `--lang=de`: one of the shipped languages, or undefined for the browser's own. */
function languageArgument(): string | undefined {
  const i = process.argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return undefined;
  const value = process.argv[i]!.includes('=') ? process.argv[i]!.split('=')[1] : process.argv[i + 1];
  const shipped = shippedLanguages();
  const found = shipped.find((l) => l.toLowerCase() === value?.replace('_', '-').toLowerCase());
  if (!found) {
    console.error(`--lang takes one of the shipped languages: ${shipped.join(', ')}.`);
    process.exit(1);
  }
  return found;
}

function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  const found = candidates.find((p): p is string => !!p && fs.existsSync(p));
  if (!found) {
    console.error(
      'No Chromium or Chrome found.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
        '  Or point CHROMIUM_PATH at a Chrome/Chromium binary.',
    );
    process.exit(1);
  }
  return found;
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  const emulator = await startEmulator({ port: PORT, liveInboundEveryMs: headless ? undefined : 20_000 }).catch((e: unknown) => {
    if ((e as { code?: string }).code === 'EADDRINUSE') {
      console.error(`Port ${PORT} is in use (another demo running?). Stop it, or run with DMDESK_DEMO_PORT=<free port>.`);
      process.exit(1);
    }
    throw e;
  });
  console.log(`Graph API emulator: ${emulator.url} (seeded; admin at ${emulator.url}/__admin/state)`);

  buildForEmulator({ port: emulator.port, outDir: OUT_DIR });

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmdesk-demo-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless,
    viewport: null,
    args: chromiumArgs(EXTENSION_DIR, { headless, lang }),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  if (headless && lang && lang !== 'en') {
    await languageScreenshots(context, extensionId, lang);
  } else if (headless) {
    await screenshots(context, extensionId);
    const store = await storeScreenshots(context, extensionId, path.join(SHOTS_DIR, 'store'));
    console.log(`\nStore screenshots (1280×800; copy them to docs/store/screenshots/):\n  ${store.join('\n  ')}`);
  }
  if (headless) {
    await context.close();
    await emulator.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    return;
  }

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  console.log(
    `\nDM Desk is loaded. Click "${localeWords(lang ?? 'en')('inbox.connectAccount')}" and then "Continue" on the consent page.\n` +
      'Open the real side panel from the DM Desk toolbar button → "Open inbox".\n' +
      'A customer writes to Lumen Coffee every 20 seconds. Press Ctrl+C to stop.',
  );
  const stop = async (): Promise<void> => {
    // A browser that already exited cannot be closed; the emulator is still stopped.
    await context.close().catch(() => undefined);
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  context.on('close', () => void stop());
}

async function screenshots(context: BrowserContext, extensionId: string): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const url = (p: string): string => `chrome-extension://${extensionId}/${p}`;
  const written: string[] = [];
  const shot = async (page: Page, name: string): Promise<void> => {
    const file = path.join(SHOTS_DIR, name);
    await page.screenshot({ path: file });
    written.push(file);
  };

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 720 });
  await panel.goto(url('sidepanel.html'));
  await shot(panel, 'sidepanel-connect.png');
  const consent = context.waitForEvent('page');
  await panel.getByRole('button', { name: 'Connect Account' }).click();
  await (await consent).getByRole('button', { name: 'Continue' }).click();
  const rows = panel.getByRole('list', { name: 'Conversations' }).getByRole('button');
  await rows.first().waitFor();
  await shot(panel, 'sidepanel-narrow.png');
  await rows.first().click();
  await panel.getByRole('list', { name: 'Messages' }).waitFor();
  await shot(panel, 'sidepanel-narrow-thread.png');

  await panel.setViewportSize({ width: 1000, height: 720 });
  // At this width the list and thread may already show side by side, with no Back button.
  await panel
    .getByRole('button', { name: 'Back' })
    .click()
    .catch(() => undefined);
  await rows.nth(1).click();
  await panel.getByRole('list', { name: 'Messages' }).waitFor();
  // Names come from the User Profile API a moment after the rows: the wide view shows them.
  await panel
    .getByRole('heading', { level: 2 })
    .getByText('@maria')
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  await panel
    .waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.thread img')].every((i) => i.complete), undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  await shot(panel, 'sidepanel-wide.png');

  await panel.emulateMedia({ colorScheme: 'dark' });
  await shot(panel, 'sidepanel-wide-dark.png');
  await panel.emulateMedia({ colorScheme: 'light' });

  // Every kind of message, thread by thread, in a tall wide panel.
  await panel.setViewportSize({ width: 1000, height: 1000 });
  const threads: Array<[string, string]> = [
    ['maria', 'thread-media.png'],
    ['thirdwave.tom', 'thread-shares.png'],
    ['nina.k', 'thread-stories.png'],
    ['old.friend', 'thread-expired-stories.png'],
    ['leo.brews', 'thread-reactions-replies.png'],
  ];
  for (const [username, file] of threads) {
    await rowOf(panel, username).click();
    await panel.getByRole('list', { name: 'Messages' }).waitFor();
    await panel.waitForTimeout(300);
    await shot(panel, file);
  }
  await rowOf(panel, 'wholesale.berlin').click();
  await panel.getByRole('button', { name: 'Contact details' }).click();
  await panel.getByRole('complementary', { name: 'Contact details' }).getByText('Followers').waitFor();
  await shot(panel, 'thread-contact.png');
  await panel.getByRole('button', { name: 'Contact details' }).click();
  await panel.getByRole('tab', { name: /^Needs reply/ }).click();
  await shot(panel, 'needs-reply.png');
  await panel.getByRole('tab', { name: /^Inbox/ }).click();

  // A day at the desk: labels, a pin, a snooze and two conversations done, all through the UI.
  await panel.setViewportSize({ width: 1000, height: 800 });
  await labelConversation(panel, 'wholesale.berlin', ['Wholesale']);
  await labelConversation(panel, 'sofia.bakes', ['Wholesale', 'Orders']);
  const actions = panel.getByRole('toolbar', { name: 'Conversation actions' });
  await actions.getByRole('button', { name: 'Pin' }).click();
  await rowOf(panel, 'rosa_eats').click();
  await actions.getByRole('button', { name: 'Snooze' }).click();
  await panel
    .getByRole('dialog', { name: /^Snooze/ })
    .getByRole('button', { name: /Tomorrow morning/ })
    .click();
  for (const username of ['ellak', 'ada.reads']) {
    await rowOf(panel, username).click();
    await actions.getByRole('button', { name: 'Done', exact: true }).click();
  }
  await rowOf(panel, 'sofia.bakes').click();
  await panel.getByRole('list', { name: 'Messages' }).waitFor();
  await panel.waitForTimeout(500);
  await shot(panel, 'desk-views.png');
  await panel.getByRole('tab', { name: /^Snoozed/ }).click();
  await panel.waitForTimeout(300);
  await shot(panel, 'desk-snoozed.png');
  await panel.getByRole('tab', { name: /^Inbox/ }).click();
  await panel.setViewportSize({ width: 1000, height: 720 });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 340, height: 240 });
  await popup.goto(url('popup.html'));
  await popup.getByRole('tab').first().waitFor();
  await shot(popup, 'popup.png');

  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 900 });
  await options.goto(url('options.html'));
  await options.getByRole('heading', { name: 'Connections' }).waitFor();
  await shot(options, 'options.png');

  console.log('\nScreenshots:');
  for (const f of written) console.log(`  ${f}`);
}

/**
 * The inbox in another language: the side panel (narrow, wide, dark), the popup and the options
 * page, found by the names a person sees in that language; the files end in the language ("-de").
 */
async function languageScreenshots(context: BrowserContext, extensionId: string, language: string): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const w = localeWords(language);
  const url = (p: string): string => `chrome-extension://${extensionId}/${p}`;
  const written: string[] = [];
  const shot = async (page: Page, name: string): Promise<void> => {
    const file = path.join(SHOTS_DIR, `${name}-${language}.png`);
    await page.screenshot({ path: file });
    written.push(file);
  };

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 720 });
  await panel.goto(url('sidepanel.html'));
  const consent = context.waitForEvent('page');
  await panel.getByRole('button', { name: w('inbox.connectAccount') }).click();
  // The consent page is the emulator's (Meta's), in English.
  await (await consent).getByRole('button', { name: 'Continue' }).click();
  const rows = panel.getByRole('list', { name: w('list.label') }).getByRole('button');
  await rows.first().waitFor();
  await shot(panel, 'sidepanel-narrow');

  await panel.setViewportSize({ width: 1000, height: 720 });
  await rows.nth(1).click();
  await panel.getByRole('list', { name: w('thread.messages') }).waitFor();
  await panel.waitForTimeout(300);
  await shot(panel, 'sidepanel-wide');
  await panel.emulateMedia({ colorScheme: 'dark' });
  await shot(panel, 'sidepanel-wide-dark');
  await panel.emulateMedia({ colorScheme: 'light' });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 340, height: 240 });
  await popup.goto(url('popup.html'));
  await popup.getByRole('tab').first().waitFor();
  await shot(popup, 'popup');

  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 900 });
  await options.goto(url('options.html'));
  await options.getByRole('heading', { name: w('connections.title') }).waitFor();
  await shot(options, 'options');

  console.log('\nScreenshots:');
  for (const f of written) console.log(`  ${f}`);
}

/** A conversation's row, by the contact's username (rows show the name with @username beside it). */
function rowOf(panel: Page, username: string) {
  const exact = new RegExp(`^@?${username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return panel
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button')
    .filter({ has: panel.getByText(exact) })
    .first();
}

/** Opens a conversation and gives it these labels (made on the way when new), as a person would with `l`. */
async function labelConversation(panel: Page, username: string, labels: string[]): Promise<void> {
  await rowOf(panel, username).click();
  await panel.getByRole('list', { name: 'Messages' }).waitFor();
  await panel.keyboard.press('l');
  const find = panel.getByRole('dialog', { name: 'Labels of this conversation' }).getByLabel('Find or create a label');
  for (const label of labels) {
    await find.fill(label);
    await find.press('Enter');
  }
  await find.press('Escape');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
