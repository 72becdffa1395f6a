import { expect, test } from './fixtures';
import { NARROW, WIDE } from './pages/inbox-page';

test('connects through the consent page and shows every Instagram account as a pill', async ({ inbox }) => {
  await inbox.open(NARROW);
  await inbox.connect();
  await expect(inbox.pills).toHaveText(['Lumen Coffee', 'Atelier Nord', 'Quiet Studio', 'Pine & Pixel']);
  await expect(inbox.pill('Lumen Coffee')).toHaveAttribute('aria-selected', 'true');
  await expect(inbox.rows.first()).toBeVisible();
});
