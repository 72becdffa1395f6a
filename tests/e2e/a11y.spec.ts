/**
 * Accessibility, measured: axe-core runs on every screen a person meets (the list, a thread with
 * every kind of message, the contact panel with notes, search results, replies in the outbox, the
 * open menus and pickers, the popup, the settings page, the empty and error states), in the light
 * and the dark theme. Any serious or critical violation fails the test, listed rule by rule with
 * the elements it found, so the report says what to fix without opening a trace.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { NARROW, WIDE, type InboxPage } from './pages/inbox-page';

/** WCAG 2.1 A and AA, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

interface Finding {
  screen: string;
  theme: 'light' | 'dark';
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Collects the serious and critical violations of every screen a test looks at, in both themes. */
class Audit {
  readonly findings: Finding[] = [];
  readonly screens: string[] = [];

  /** `within`: only that part of the page (the rest was measured on an earlier screen). */
  async check(page: Page, screen: string, within?: string): Promise<void> {
    this.screens.push(screen);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      // The theme is a media query: let one frame paint with it before measuring contrast.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      // Only colours change with the theme: the dark pass measures contrast alone (axe is slow).
      // Only the violations come back: the passes' details cost as much as the checks.
      const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
      if (within) builder.include(within);
      const result = await (theme === 'light' ? builder.withTags(TAGS) : builder.withRules(['color-contrast'])).analyze();
      for (const v of result.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        this.findings.push({
          screen,
          theme,
          rule: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => `${n.target.join(' ')}\n        ${n.failureSummary?.replace(/\n/g, '\n        ') ?? ''}`),
        });
      }
    }
    await page.emulateMedia({ colorScheme: null });
  }

  /** One readable block per violation: screen, theme, rule, and each element with what is wrong. */
  report(): string {
    return this.findings
      .map((f) => `[${f.screen} · ${f.theme}] ${f.rule} (${f.impact}): ${f.help}\n${f.nodes.map((n) => `    - ${n}`).join('\n')}`)
      .join('\n\n');
  }

  expectClean(): void {
    const found = this.findings.map((f) => `${f.screen} · ${f.theme}: ${f.rule}`);
    expect(found, `Serious or critical accessibility violations:\n\n${this.report()}\n`).toEqual([]);
  }
}

async function openThread(inbox: InboxPage, username: string): Promise<void> {
  const list = inbox.page.getByRole('list', { name: 'Conversations' });
  await list
    .getByText(username, { exact: true })
    .or(list.getByText(`@${username}`, { exact: true }))
    .first()
    .click();
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(inbox.thread.getByRole('heading', { level: 2 })).toHaveText(new RegExp(`(^|@)${escaped}$`));
}

async function connectWide(inbox: InboxPage): Promise<Page> {
  const page = await inbox.open(WIDE);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64, { timeout: 30_000 });
  return page;
}

test('the inbox, every kind of message, the contact panel with notes and search results', async ({ inbox }) => {
  // axe takes a second or two a screen on an idle machine, many more on a busy one.
  test.setTimeout(240_000);
  const audit = new Audit();
  const page = await connectWide(inbox);
  await expect(page.getByRole('heading', { name: 'Select a conversation to start' })).toBeVisible();
  await audit.check(page, 'conversation list');

  // Media (photo, GIF, sticker, video, voice, file), shares, stories, deleted, unsupported, inline replies, reactions.
  for (const username of ['maria', 'thirdwave.tom', 'nina.k', 'old.friend', 'leo.brews', 'x.tester']) {
    await openThread(inbox, username);
    await audit.check(page, `thread with ${username}`, '.thread-wrap');
  }
  await openThread(inbox, 'leo.brews');
  await inbox.messages.filter({ hasText: 'Message was deleted' }).getByRole('button', { name: 'React to message' }).click();
  await audit.check(page, 'reaction picker open', '.thread-wrap');
  await page.keyboard.press('Escape');

  await openThread(inbox, 'sofia.bakes');
  await page.getByRole('button', { name: 'Contact details' }).click();
  const panel = page.getByRole('complementary', { name: 'Contact details' });
  const box = panel.getByRole('textbox', { name: 'New note' });
  await box.fill('Wholesale customer, see https://lumen.example/orders');
  await box.press('Control+Enter');
  await expect(panel.getByRole('list', { name: 'Notes' }).getByRole('listitem')).toHaveCount(1);
  await audit.check(page, 'contact panel with a note', '.thread-wrap');

  const search = page.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('cafe');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('button').first()).toBeVisible();
  await audit.check(page, 'search results', '.list-pane');
  await search.fill('zzzzqqq');
  await expect(page.getByRole('list', { name: 'Search results' })).toHaveCount(0);
  await audit.check(page, 'search without results', '.list-pane');
  audit.expectClean();
});

test('the desk: views, snooze menu, label picker, saved-reply picker and the outbox states', async ({ inbox, admin }) => {
  // axe takes a second or two a screen on an idle machine, many more on a busy one.
  test.setTimeout(240_000);
  const audit = new Audit();
  const page = await connectWide(inbox);
  await openThread(inbox, 'sofia.bakes');

  await page
    .getByRole('toolbar', { name: 'Conversation actions' })
    .getByRole('button', { name: /Snooze/ })
    .click();
  await expect(page.getByRole('dialog', { name: /^Snooze/ })).toBeVisible();
  await audit.check(page, 'snooze menu', 'dialog');
  await page.keyboard.press('Escape');

  await inbox.thread.getByRole('button', { name: /^Labels/ }).click();
  await expect(page.getByRole('dialog', { name: 'Labels of this conversation' })).toBeVisible();
  await audit.check(page, 'label picker', '.thread-wrap');
  await page.keyboard.press('Escape');

  await inbox.messageBox.fill('/');
  await expect(page.getByText('No saved replies yet.')).toBeVisible();
  await audit.check(page, 'saved-reply picker without replies', '.thread-wrap');
  await inbox.messageBox.fill('');

  // A saved reply made on the settings page, then picked with / in the reply box.
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  const section = options.getByRole('region', { name: 'Saved replies' });
  await section.getByRole('button', { name: 'Add a reply' }).click();
  const form = section.getByRole('form', { name: 'New saved reply' });
  await form.getByLabel('Title').fill('Opening hours');
  await form.getByLabel('Shortcut').fill('hours');
  await form.getByLabel('Text').fill('Hi {first_name}, we open at 8.');
  await audit.check(options, 'settings page: a saved reply being written');
  await form.getByRole('button', { name: 'Save reply' }).click();
  await expect(section.getByRole('list', { name: 'Saved replies' }).getByRole('listitem')).toHaveCount(1);
  await options.close();
  await page.bringToFront();
  await inbox.messageBox.fill('/');
  await expect(page.getByRole('listbox', { name: 'Saved replies' })).toBeVisible();
  await audit.check(page, 'saved-reply picker', '.thread-wrap');
  await inbox.messageBox.fill('');

  for (const name of ['Needs reply', 'Snoozed', 'Done', 'Pinned']) {
    await page
      .getByRole('tablist', { name: 'Views' })
      .getByRole('tab', { name: new RegExp(`^${name} \\d+$`) })
      .click();
    await audit.check(page, `${name} view`, '.list-pane');
  }
  await page
    .getByRole('tablist', { name: 'Views' })
    .getByRole('tab', { name: /^Inbox \d+$/ })
    .click();

  // Sending: Meta holds the answer. Failed: a refusal. Waiting: a rate limit.
  await admin.fault({ match: '/messages', method: 'POST', kind: 'latency', latencyMs: 8_000, times: 1 });
  await inbox.messageBox.fill('Held for a moment');
  await inbox.sendButton.click();
  await expect(inbox.messages.filter({ hasText: 'Held for a moment' })).toContainText('Sending…');
  await audit.check(page, 'outbox: sending', '.thread-wrap');

  await openThread(inbox, 'leo.brews');
  await admin.fault({ match: '/messages', method: 'POST', kind: 'permission', times: 1 });
  await inbox.messageBox.fill('Refused by Instagram');
  await inbox.sendButton.click();
  await expect(inbox.messages.filter({ hasText: 'Refused by Instagram' }).getByRole('alert')).toContainText('Failed');
  await audit.check(page, 'outbox: failed', '.thread-wrap');
  // Last: the rate limit holds the whole account back for a while.
  await openThread(inbox, 'maria_');
  await admin.fault({ match: '/messages', method: 'POST', kind: 'rate_limit', code: 613, regainMinutes: 10, times: 0 });
  await inbox.messageBox.fill('Waiting for the rate limit');
  await inbox.sendButton.click();
  await expect(inbox.messages.filter({ hasText: 'Waiting for the rate limit' })).toContainText(/slow down|Sending…/);
  await audit.check(page, 'outbox: queued', '.thread-wrap');
  await admin.clearFaults();

  audit.expectClean();
});

test('empty and error states, the popup and the settings page', async ({ inbox, admin }) => {
  // axe takes a second or two a screen on an idle machine, many more on a busy one.
  test.setTimeout(240_000);
  const audit = new Audit();
  const page = await inbox.open(NARROW);
  await expect(page.getByRole('heading', { name: 'No Instagram accounts connected' })).toBeVisible();
  await audit.check(page, 'no accounts');

  const popup = await inbox.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(inbox.url('popup.html'));
  await audit.check(popup, 'popup without accounts');

  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64, { timeout: 30_000 });
  await inbox.pill('Quiet Studio').click();
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();
  await audit.check(page, 'account without conversations');
  await inbox.pill('Pine & Pixel').click();
  await expect(page.getByRole('heading', { name: 'Permission required' })).toBeVisible();
  await audit.check(page, 'permission required');
  await inbox.pill('Atelier Nord').click();
  await inbox.row('silent.sam').click();
  await expect(inbox.thread.getByText('No messages', { exact: true })).toBeVisible();
  await audit.check(page, 'thread without messages (narrow)');
  await inbox.backButton.click();
  await inbox.pill('Lumen Coffee').click();

  await admin.inbound({ account: 'lumencoffee', from: { username: 'popup.fan' }, text: 'Can I reserve a table?' });
  await inbox.refreshButton.click();
  await expect(inbox.rows.first()).toContainText('popup.fan');
  await popup.reload();
  const unread = popup.getByRole('list', { name: 'Unread conversations' });
  await audit.check(popup, 'popup with unread conversations');
  await unread.getByRole('button', { name: /popup\.fan/ }).click();
  await expect(popup.getByRole('textbox', { name: 'Reply to popup.fan' })).toBeVisible();
  await audit.check(popup, 'popup quick reply');

  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  await expect(options.getByRole('button', { name: 'Disconnect @lumencoffee' })).toBeVisible();
  await audit.check(options, 'settings page');

  await admin.fault({ match: '/conversations', kind: 'status', status: 500, times: 0 });
  await page.bringToFront();
  await inbox.refreshButton.click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await audit.check(page, 'sync failed');
  await admin.clearFaults();

  await admin.setConsent(false);
  await admin.expireTokens();
  await inbox.refreshButton.click();
  await expect(page.getByRole('heading', { name: 'Reconnect needed' })).toBeVisible();
  await audit.check(page, 'reconnect needed');
  await popup.reload();
  await audit.check(popup, 'popup: reconnect needed');
  await options.reload();
  await audit.check(options, 'settings page: reconnect needed');
  audit.expectClean();
});
