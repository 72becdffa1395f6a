import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { NARROW, type InboxPage } from './pages/inbox-page';

const TEMPLATE = 'Hi {first_name}, we open at 8 — {account} (@{username})';

/** Makes a saved reply on the settings page, the way a person does. */
async function createReply(inbox: InboxPage, reply: { title: string; shortcut: string; text: string }): Promise<Page> {
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  const section = options.getByRole('region', { name: 'Saved replies' });
  await section.getByRole('button', { name: 'Add a reply' }).click();
  const form = section.getByRole('form', { name: 'New saved reply' });
  await form.getByLabel('Title').fill(reply.title);
  await form.getByLabel('Shortcut').fill(reply.shortcut);
  await form.getByLabel('Text').fill(reply.text);
  await form.getByRole('button', { name: 'Save reply' }).click();
  await expect(section.getByRole('list', { name: 'Saved replies' }).getByRole('listitem')).toContainText([reply.title]);
  return options;
}

test('a saved reply made on the settings page is picked with / in the side panel, its variables filled', async ({ inbox, admin }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64);
  await admin.inbound({ account: 'lumencoffee', from: { username: 'reply.fan' }, text: 'When do you open?' });
  await inbox.refreshButton.click();
  await inbox.row('reply.fan').click();

  const options = await createReply(inbox, { title: 'Opening hours', shortcut: 'hours', text: TEMPLATE });
  // A shortcut that breaks the rules is explained, and what was typed stays.
  const section = options.getByRole('region', { name: 'Saved replies' });
  await section.getByRole('button', { name: 'Add a reply' }).click();
  const form = section.getByRole('form', { name: 'New saved reply' });
  await form.getByLabel('Title').fill('Hours again');
  await form.getByLabel('Shortcut').fill('hours');
  await form.getByLabel('Text').fill('Another text');
  await form.getByRole('button', { name: 'Save reply' }).click();
  await expect(form.getByText('Another reply already uses /hours')).toBeVisible();
  await expect(form.getByLabel('Text')).toHaveValue('Another text');

  await inbox.page.bringToFront();
  const box = inbox.messageBox;
  await box.fill('/');
  const picker = inbox.page.getByRole('listbox', { name: 'Saved replies' });
  await expect(picker.getByRole('option')).toHaveText([/Opening hours/]);
  // Esc closes and leaves the text as typed.
  await box.pressSequentially('hou');
  await box.press('Escape');
  await expect(picker).toBeHidden();
  await expect(box).toHaveValue('/hou');

  // `/hours` + Enter inserts it at once, filled; Meta has no name for this new contact: "Hi there,".
  // It stays closed for this `/…`; once the box is cleared, `/` opens it again.
  await box.fill('');
  await box.fill('/hours');
  await expect(box).toHaveAttribute('aria-activedescendant', /saved-reply-picker-/);
  await box.press('Enter');
  const filled = 'Hi there, we open at 8 — Lumen Coffee (@reply.fan)';
  await expect(box).toHaveValue(filled);
  await expect(picker).toBeHidden();
  // The byte counter counts the filled text.
  await expect(inbox.page.getByLabel(`${Buffer.byteLength(filled)} of 1000 bytes used`)).toBeVisible();
  await box.press('Enter');
  await expect(inbox.messages.last()).toContainText(filled, { timeout: 15_000 });
});

test('"Save as reply" on a sent message, then the popup’s quick reply picks it', async ({ inbox, admin }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64);
  await admin.inbound({ account: 'lumencoffee', from: { username: 'save.fan' }, text: 'Do you ship abroad?' });
  await inbox.refreshButton.click();
  await inbox.row('save.fan').click();
  await inbox.messageBox.fill('We ship to all of Europe within 3 days.');
  await inbox.messageBox.press('Enter');
  const sent = inbox.messages.filter({ hasText: 'We ship to all of Europe' }).last();
  await expect(sent).toContainText('Sent', { timeout: 15_000 });

  await sent.getByRole('button', { name: 'Save as reply' }).click();
  const dialog = inbox.page.getByRole('dialog', { name: 'Save as reply' });
  await expect(dialog.getByLabel('Text')).toHaveValue('We ship to all of Europe within 3 days.');
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await dialog.getByLabel('Shortcut').fill('ship');
  await dialog.getByRole('button', { name: 'Save reply' }).click();
  await expect(dialog).toBeHidden();
  await expect(inbox.page.getByRole('status').filter({ hasText: 'Saved. Type /ship in any reply box' })).toBeVisible();

  // It is on the settings page too.
  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  await expect(options.getByRole('list', { name: 'Saved replies' }).getByRole('listitem')).toContainText(['/ship']);

  // The popup's quick reply: / opens the same picker; type to filter, arrows, Enter inserts.
  await admin.inbound({ account: 'lumencoffee', from: { username: 'popup.saved' }, text: 'Hello?' });
  await inbox.page.bringToFront();
  await inbox.backButton.click();
  await inbox.refreshButton.click();
  await expect(inbox.row('popup.saved')).toBeVisible();
  const popup = await inbox.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(inbox.url('popup.html'));
  await popup
    .getByRole('list', { name: 'Unread conversations' })
    .getByRole('button', { name: /popup\.saved/ })
    .click();
  const quick = popup.getByRole('textbox', { name: /Reply to .*popup\.saved/ });
  await quick.fill('/eur');
  await expect(popup.getByRole('listbox', { name: 'Saved replies' }).getByRole('option')).toHaveText([/We ship to all of Europe/]);
  await quick.press('Enter');
  await expect(quick).toHaveValue('We ship to all of Europe within 3 days.');
  await quick.press('Enter');
  await expect(popup.getByRole('status')).toHaveText('Sent', { timeout: 15_000 });
});
