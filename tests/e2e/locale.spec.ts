/**
 * DM Desk in another language and another script: the core path in German (Chromium started with
 * --lang=de), the 12/24-hour choice reaching open pages, and a right-to-left message.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { NARROW, WIDE } from './pages/inbox-page';

/** A time on a 24-hour clock ("14:05", "09:30"). */
const CLOCK_24 = /\b([01]\d|2[0-3]):[0-5]\d\b/;
const CLOCK_12 = /\b\d{1,2}:\d{2} (AM|PM)\b/;

test.describe('in German', () => {
  test.use({ browserLanguage: 'de' });

  test('connect, the list, a thread and a reply: German words, ages and a 24-hour clock', async ({ inbox }) => {
    const page = await inbox.open(NARROW);
    await expect(page.getByRole('heading', { name: 'Keine Instagram-Konten verbunden' })).toBeVisible();
    const consent = inbox.context.waitForEvent('page');
    await page.getByRole('button', { name: 'Konto verbinden' }).click();
    // The consent page is the emulator's (Meta's own), in English.
    await (await consent).getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('tablist', { name: 'Instagram-Konten' }).getByRole('tab')).toHaveText([
      'Lumen Coffee',
      'Atelier Nord',
      'Quiet Studio',
      'Pine & Pixel',
    ]);
    const rows = page.getByRole('list', { name: 'Unterhaltungen' }).getByRole('button');
    await expect(rows.first()).toContainText('sofia.bakes');
    await expect(rows.first()).toContainText('2 Min.');
    // The longest language never pushes the narrow panel sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    await rows.filter({ hasText: 'maria_' }).click();
    await expect(page.getByRole('region', { name: /^Unterhaltung mit/ })).toBeVisible();
    const messages = page.getByRole('list', { name: 'Nachrichten' }).getByRole('listitem');
    await expect(messages.last()).toContainText(CLOCK_24);
    await expect(messages.last()).not.toContainText(CLOCK_12);

    const box = page.getByRole('textbox', { name: 'Nachricht' });
    await box.fill('Hafermilch gibt es jeden Tag ☕');
    await page.getByRole('button', { name: 'Senden', exact: true }).click();
    await expect(box).toHaveValue('');
    const reply = messages.filter({ hasText: 'Hafermilch gibt es jeden Tag ☕' });
    await expect(reply).toContainText('Gesendet');
    await expect(reply).toContainText(CLOCK_24);

    await page.getByRole('button', { name: 'Zurück', exact: true }).click();
    await expect(rows.first()).toContainText('Du: Hafermilch gibt es jeden Tag ☕');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});

test.describe('the clock and the script', () => {
  test('choosing 24 hours on the options page turns the open thread’s times, and Automatic turns them back', async ({ inbox }) => {
    await inbox.open(NARROW);
    await inbox.connect();
    await inbox.row('sofia.bakes').click();
    await expect(inbox.messages.last()).toContainText(CLOCK_12);

    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    const clock = options.getByLabel('Clock');
    await clock.selectOption('24');
    await expect(inbox.messages.last()).toContainText(CLOCK_24);
    await expect(inbox.messages.last()).not.toContainText(CLOCK_12);

    await clock.selectOption('auto');
    await expect(inbox.messages.last()).toContainText(CLOCK_12);
  });

  test('an Arabic message reads right-to-left in its bubble, and its row keeps to one line', async ({ inbox, admin }) => {
    const page = await inbox.open(WIDE);
    await inbox.connect();
    await expect(inbox.rows.first()).toContainText('sofia.bakes');
    const arabic = 'مرحبا! هل لديكم قهوة عربية اليوم؟ أريد أن أطلب كيسين من البن، وشكرا جزيلا على الخدمة الرائعة';
    await admin.inbound({ account: 'lumencoffee', from: { username: 'layla.q', name: 'ليلى' }, text: arabic });
    await inbox.refreshButton.click();
    const row = inbox.row('layla.q');
    await expect(row).toBeVisible();

    // The preview is written right-to-left (cut at its end, on the left) on one line, like any other row's.
    const preview = row.getByText(/^مرحبا!/);
    expect(await preview.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const other = inbox.row('sofia.bakes').getByText('Can I still add', { exact: false });
    expect((await preview.boundingBox())!.height).toBeCloseTo((await other.boundingBox())!.height, 0);
    const list = page.getByRole('list', { name: 'Conversations' });
    expect((await row.boundingBox())!.width).toBeLessThanOrEqual((await list.boundingBox())!.width);

    await row.click();
    const text = inbox.messages.getByText(arabic);
    await expect(text).toBeVisible();
    expect(await text.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    // Its first letter is drawn at the right edge of the bubble's text, where right-to-left reading starts.
    const start = await firstLetterAndBox(text);
    expect(start.letterRight).toBeGreaterThan(start.boxRight - 2);
  });
});

/** Where the first letter of an element's text ends on the right, and where the element ends. */
async function firstLetterAndBox(element: Locator): Promise<{ letterRight: number; boxRight: number }> {
  return element.evaluate((el) => {
    const range = document.createRange();
    range.setStart(el.firstChild!, 0);
    range.setEnd(el.firstChild!, 1);
    return { letterRight: range.getBoundingClientRect().right, boxRight: el.getBoundingClientRect().right };
  });
}
