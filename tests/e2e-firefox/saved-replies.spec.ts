/** Saved replies in Firefox: stored in storage.sync, picked with `/` in the sidebar's reply box, variables filled. */
import { expect, test } from './fixtures';

test('a saved reply with variables is inserted with /shortcut in the sidebar', async ({ inbox }) => {
  // A reply saved earlier (on the settings page, or in another browser that synced it).
  await inbox.page.evaluate(async () => {
    const ext = (globalThis as unknown as { browser: { storage: { sync: { set(items: object): Promise<void> } } } }).browser;
    await ext.storage.sync.set({
      'savedReply.ff1': { title: 'Thanks', shortcut: 'thanks', text: 'Thanks @{username}! — {account}', updatedAt: 1 },
      'savedReplies.order': ['ff1'],
    });
  });
  await (await inbox.pill('Atelier Nord')).click();
  await inbox.expect(async () => expect(await inbox.pillSelected('Atelier Nord')).toBe(true));
  await (await inbox.row('hanna.design')).click();

  const box = await inbox.get('textbox', 'Message');
  await box.type('/than');
  const options = await inbox.expect(async () => {
    const found = await inbox.within('listbox', 'Saved replies', 'option');
    expect(found).toHaveLength(1);
    return found;
  });
  const option = options[0]!;
  expect(await option.evaluate((e) => e.textContent)).toContain('Thanks @hanna.design! — Atelier Nord');
  expect(await option.evaluate((e) => e.getAttribute('aria-selected'))).toBe('true');
  await box.press('Enter');
  await inbox.expect(async () =>
    expect(await box.evaluate((e) => (e as HTMLTextAreaElement).value)).toBe('Thanks @hanna.design! — Atelier Nord'),
  );
  expect(await inbox.has('listbox', 'Saved replies'), 'the picker closed').toBe(false);
});
