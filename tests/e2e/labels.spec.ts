import { expect, test } from './fixtures';
import { WIDE } from './pages/inbox-page';

test.describe('labels', () => {
  test('made in the picker with l, shown on rows, filtered with counts, renamed and deleted everywhere from the settings', async ({
    inbox,
    admin,
  }) => {
    const page = await inbox.open(WIDE);
    await inbox.connect();
    await inbox.row('sofia.bakes').click();
    await expect(inbox.messages.last()).toContainText('Can I still add');

    // `l` opens the picker on the open conversation; a new name offers to create the label.
    await page.keyboard.press('l');
    const picker = page.getByRole('dialog', { name: 'Labels of this conversation' });
    const find = picker.getByRole('combobox', { name: 'Find or create a label' });
    await expect(find).toBeFocused();
    await find.fill('Wholesale');
    await expect(picker.getByRole('option', { name: 'Create label “Wholesale”' })).toBeVisible();
    await find.press('Enter');
    await expect(picker.getByRole('option', { name: 'Wholesale' })).toHaveAttribute('aria-selected', 'true');
    await expect(find).toHaveValue('');
    await find.fill('Refunds');
    await find.press('Enter');
    await expect(picker.getByRole('option', { name: 'Refunds' })).toHaveAttribute('aria-selected', 'true');
    await page.screenshot({ path: test.info().outputPath('label-picker.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: test.info().outputPath('label-picker-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    // Esc closes the picker only; the conversation stays open.
    await find.press('Escape');
    await expect(picker).toBeHidden();
    await expect(inbox.thread).toBeVisible();
    await expect(page.getByRole('button', { name: 'Labels' })).toBeFocused();

    // Chips on the row and in the thread header.
    await expect(inbox.row('sofia.bakes')).toContainText('Wholesale');
    await expect(inbox.row('sofia.bakes')).toContainText('Refunds');
    await expect(inbox.thread.getByTitle('Label: Refunds')).toBeVisible();

    // A second conversation gets one of them, with the header button, arrows and Space.
    await inbox.row('ellak').click();
    await page.getByRole('button', { name: 'Labels' }).click();
    await expect(find).toBeFocused();
    await expect(picker.getByRole('option')).toHaveText(['Wholesale', 'Refunds']);
    await find.press('ArrowDown');
    await find.press('ArrowUp');
    await find.press(' ');
    await expect(picker.getByRole('option', { name: 'Wholesale' })).toHaveAttribute('aria-selected', 'true');
    await expect(picker.getByRole('option', { name: 'Refunds' })).toHaveAttribute('aria-selected', 'false');
    await find.press('Escape');
    await expect(inbox.row('ellak')).toContainText('Wholesale');

    // The filter counts the rows carrying each label; several narrow the list to rows with all of them.
    const filter = page.getByRole('group', { name: 'Filter by label' });
    await expect(filter.getByRole('button', { name: 'Wholesale (2)' })).toBeVisible();
    await expect(filter.getByRole('button', { name: 'Refunds (1)' })).toBeVisible();
    const all = await inbox.rows.count();
    expect(all).toBeGreaterThan(2);
    await filter.getByRole('button', { name: 'Wholesale (2)' }).click();
    await expect(inbox.rows).toHaveCount(2);
    await filter.getByRole('button', { name: 'Refunds (1)' }).click();
    await expect(inbox.rows).toHaveCount(1);
    await expect(inbox.rows.first()).toContainText('sofia.bakes');
    await filter.getByRole('button', { name: 'Clear' }).click();
    await expect(inbox.rows).toHaveCount(all);

    // Renamed on the settings page: the row says the new name at once.
    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    const section = options.getByRole('region', { name: 'Labels' });
    await expect(section.getByText('2 conversations')).toBeVisible();
    const name = section.getByRole('textbox', { name: 'Name of label Refunds' });
    await name.fill('Money back');
    await name.press('Enter');
    await expect(section.getByRole('textbox', { name: 'Name of label Money back' })).toBeVisible();
    await expect(inbox.row('sofia.bakes')).toContainText('Money back');
    await expect(inbox.row('sofia.bakes')).not.toContainText('Refunds');

    // Deleting says what it takes off, then it is gone from every row, the header and the filter
    // (a list filtered by it shows every row again).
    await filter.getByRole('button', { name: 'Wholesale (2)' }).click();
    await expect(inbox.rows).toHaveCount(2);
    await section.getByRole('button', { name: 'Delete label Wholesale' }).click();
    await expect(section.getByRole('alert')).toContainText('It is on 2 conversations; it will be taken off all of them.');
    await section.getByRole('button', { name: 'Delete label', exact: true }).click();
    await expect(section.getByRole('textbox', { name: 'Name of label Wholesale' })).toBeHidden();
    await expect(inbox.row('sofia.bakes')).not.toContainText('Wholesale');
    await expect(inbox.row('ellak')).not.toContainText('Wholesale');
    await expect(filter.getByRole('button', { name: /Wholesale/ })).toHaveCount(0);
    await expect(inbox.rows).toHaveCount(all);
    await expect(filter.getByRole('button', { name: 'Money back (1)' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('labels-inbox.png') });

    // The popup's unread conversations carry their labels too.
    await admin.inbound({ account: 'lumencoffee', from: { username: 'sofia.bakes' }, text: 'One more thing: can you gift-wrap it?' });
    await inbox.refreshButton.click();
    await expect(inbox.row('sofia.bakes')).toContainText('gift-wrap');
    const popup = await inbox.context.newPage();
    await popup.goto(inbox.url('popup.html'));
    const unread = popup.getByRole('list', { name: 'Unread conversations' }).getByRole('button').filter({ hasText: 'sofia.bakes' });
    await expect(unread).toContainText('Money back');
    await popup.screenshot({ path: test.info().outputPath('labels-popup.png') });
    await options.getByRole('region', { name: 'Labels' }).screenshot({ path: test.info().outputPath('labels-options.png') });
    await options.emulateMedia({ colorScheme: 'dark' });
    await options.getByRole('region', { name: 'Labels' }).screenshot({ path: test.info().outputPath('labels-options-dark.png') });
  });
});

test.describe('notes', () => {
  test('a private note is added, edited and deleted in the contact panel, kept over a reload and never sent to Instagram', async ({
    inbox,
    admin,
  }) => {
    const page = await inbox.open(WIDE);
    await inbox.connect();
    await inbox.row('sofia.bakes').click();
    await expect(inbox.messages.last()).toContainText('Can I still add');
    const requestsBefore = (await admin.requests()).length;
    await page.getByRole('button', { name: 'Contact details' }).click();
    const panel = page.getByRole('complementary', { name: 'Contact details' });
    await expect(panel.getByText('Only you see notes; they are never sent to Instagram.')).toBeVisible();

    // Ctrl+Enter adds it; its text is text (no HTML), its link a safe link.
    const box = panel.getByRole('textbox', { name: 'New note' });
    await box.fill('Wholesale customer <b>not bold</b> see https://lumen.example/orders');
    await box.press('Control+Enter');
    const notes = panel.getByRole('list', { name: 'Notes' }).getByRole('listitem');
    await expect(notes).toHaveCount(1);
    await expect(box).toHaveValue('');
    await expect(notes.first()).toContainText('Wholesale customer <b>not bold</b>');
    await expect(notes.first().locator('b')).toHaveCount(0);
    await expect(notes.first().getByRole('link', { name: 'https://lumen.example/orders' })).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(notes.first()).toContainText(/Added today, \d{1,2}:\d{2} (AM|PM)/);

    // Kept over a reload.
    await page.reload();
    await inbox.row('sofia.bakes').click();
    await expect(inbox.messages.last()).toContainText('Can I still add');
    await page.getByRole('button', { name: 'Contact details' }).click();
    await expect(notes).toHaveCount(1);

    // Edited: the time it was added stays, marked edited.
    await notes.first().getByRole('button', { name: 'Edit note' }).click();
    const edit = panel.getByRole('textbox', { name: 'Edit note' });
    await edit.fill('Wholesale customer since May');
    await edit.press('Control+Enter');
    await expect(notes.first()).toContainText('Wholesale customer since May');
    await expect(notes.first()).toContainText(/Added today, .* · edited/);
    await page.screenshot({ path: test.info().outputPath('notes-panel.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: test.info().outputPath('notes-panel-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Deleted after confirming, and still gone after a reload.
    await notes.first().getByRole('button', { name: 'Delete note' }).click();
    await panel.getByRole('alert').getByRole('button', { name: 'Delete note' }).click();
    await expect(panel.getByText('No notes yet.')).toBeVisible();
    await page.reload();
    await inbox.row('sofia.bakes').click();
    await page.getByRole('button', { name: 'Contact details' }).click();
    await expect(panel.getByText('No notes yet.')).toBeVisible();

    // Nothing of it went to Instagram: no message sent since the panel opened, no request naming it.
    const since = (await admin.requests()).slice(requestsBefore);
    expect(since.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'))).toEqual([]);
    expect(JSON.stringify(since)).not.toContain('Wholesale');
  });
});
