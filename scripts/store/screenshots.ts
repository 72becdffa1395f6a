/**
 * The store listings' screenshots (1280×800, the size both Chrome Web Store and Firefox Add-ons take),
 * taken by `npm run demo` (headless) from the seeded Graph API emulator after it has connected and
 * worked the desk (labels, a pin, a snooze). The inbox is opened as a wide tab: list, thread and
 * contact panel side by side, as in a wide side panel or sidebar.
 *
 * Written to demo-output/store/; docs/store/screenshots/ holds the copies the listings use
 * (docs/store/README.md says how to refresh them).
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const STORE_SHOT_SIZE = { width: 1280, height: 800 };

/** A conversation's row by the contact's username (rows show the name with @username beside it). */
function row(page: Page, username: string): Locator {
  const exact = new RegExp(`^@?${username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button')
    .filter({ has: page.getByText(exact) })
    .first();
}

async function open(page: Page, username: string): Promise<void> {
  await row(page, username).click();
  await page.getByRole('list', { name: 'Messages' }).waitFor();
  // Pictures and the scroll position settle after the messages are listed.
  await page.waitForTimeout(500);
}

/** Writes the store screenshots into `outDir` and returns their paths. */
export async function storeScreenshots(context: BrowserContext, extensionId: string, outDir: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const page = await context.newPage();
  await page.setViewportSize(STORE_SHOT_SIZE);
  const shot = async (name: string): Promise<void> => {
    const file = path.join(outDir, name);
    await page.mouse.move(0, STORE_SHOT_SIZE.height - 1);
    await page.screenshot({ path: file });
    written.push(file);
  };

  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await page.getByRole('list', { name: 'Conversations' }).getByRole('button').first().waitFor();

  // 1. The inbox: views with counts, labels, a pinned conversation open beside the list.
  await open(page, 'sofia.bakes');
  await shot('1-inbox.png');

  // 2. Every kind of message: photos, reactions, replies.
  await open(page, 'leo.brews');
  await shot('2-messages.png');

  // 3. Who is writing: the contact panel, in the dark theme.
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, 'wholesale.berlin');
  await page.getByRole('button', { name: 'Contact details' }).click();
  await page.getByRole('complementary', { name: 'Contact details' }).getByText('Followers').waitFor();
  await shot('3-contact-dark.png');
  await page.getByRole('button', { name: 'Contact details' }).click();
  await page.emulateMedia({ colorScheme: 'light' });

  // 4. Search across the whole archive, offline.
  const box = page.getByRole('searchbox', { name: 'Search messages' });
  await box.fill('wholesale');
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().waitFor();
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  await page.getByRole('list', { name: 'Messages' }).waitFor();
  await page.waitForTimeout(500);
  await shot('4-search.png');
  await box.fill('');

  // 5. The desk: snooze a conversation until later, or until the customer has not answered.
  await open(page, 'thirdwave.tom');
  await page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Snooze' }).click();
  await page.getByRole('dialog', { name: /^Snooze/ }).waitFor();
  await page.waitForTimeout(300);
  await shot('5-snooze.png');
  await page.keyboard.press('Escape');

  await page.close();
  return written;
}
