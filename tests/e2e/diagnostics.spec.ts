import { expect, test } from './fixtures';
import { NARROW } from './pages/inbox-page';

test('a failure the inbox recovers from is kept in the diagnostics log, without message text', async ({ inbox, admin }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.rows).toHaveCount(64);

  const options = await inbox.context.newPage();
  await options.goto(inbox.url('options.html'));
  const section = options.getByRole('region', { name: 'Diagnostics' });
  await expect(section).toContainText('Nothing has gone wrong.');

  const secret = 'Is my order 4471 ready?';
  await admin.inbound({ account: 'lumencoffee', from: { username: 'walk.in' }, text: secret });
  await admin.fault({ match: '/conversations', kind: 'status', status: 500, times: 0 });
  await inbox.refreshButton.click();

  // The options page follows the log as it grows.
  const entries = section.getByRole('list', { name: /of [\d,.]+ entr(y|ies)$/ }).getByRole('listitem');
  await expect(entries.filter({ hasText: 'A sync asked for by the inbox failed' })).not.toHaveCount(0);
  await expect(section.getByRole('button', { name: 'Copy diagnostics' })).toBeVisible();
  await expect(section).not.toContainText(secret);
  await expect(section).not.toContainText('walk.in');

  await section.getByRole('button', { name: 'Clear' }).click();
  await expect(section).toContainText('Nothing has gone wrong.');
});
