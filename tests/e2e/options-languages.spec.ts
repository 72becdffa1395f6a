/**
 * The options page in every shipped language other than English (`--lang`): its title, headings,
 * connections and archive read in that language, and the longest words of each language fit their
 * cards on a narrow window (nothing sticks out of a card or makes the page scroll sideways).
 */
import { expect, test } from './fixtures';
import { localeWords, shippedLanguages } from './locale-words';

for (const language of shippedLanguages().filter((l) => l !== 'en')) {
  test.describe(`options page in ${language}`, () => {
    test.use({ browserLanguage: language });

    test('reads in the language and nothing overflows', async ({ inbox }, testInfo) => {
      const words = localeWords(language);
      const page = await inbox.context.newPage();
      await page.setViewportSize({ width: 560, height: 900 });
      await page.goto(inbox.url('options.html'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(words('options.pageTitle'));
      await expect(page).toHaveTitle(words('options.pageTitle'));
      expect(await page.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${language.split('-')[0]}`));

      const consent = inbox.context.waitForEvent('page');
      await page.getByRole('button', { name: words('connections.connectFirst') }).click();
      await (await consent).getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('button', { name: words('connections.disconnectAccount', { username: 'lumencoffee' }) })).toBeVisible();
      await expect(page.getByLabel(words('archive.sizeLabel', { username: 'lumencoffee' }))).not.toHaveText(words('archive.measuring'));
      await page.getByRole('button', { name: words('connections.disconnectAccount', { username: 'ateliernord' }) }).click();
      await expect(page.getByRole('group', { name: words('connections.confirmLabel', { username: 'ateliernord' }) })).toBeVisible();
      await page.getByText(words('options.advancedEndpoints')).click();
      await page.getByLabel(words('options.graphApiBase')).fill('https://evil.example/v24.0');
      await page.getByRole('button', { name: words('options.save'), exact: true }).click();
      await expect(page.getByRole('alert').filter({ hasText: words('options.notSaved') })).toBeVisible();

      await page.screenshot({ path: testInfo.outputPath(`options-${language}.png`), fullPage: true });
      const overflowing = await page.evaluate(() => {
        const out: string[] = [];
        if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth}px`);
        for (const card of document.querySelectorAll<HTMLElement>('.card')) {
          const box = card.getBoundingClientRect();
          for (const el of card.querySelectorAll<HTMLElement>('*')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1))
              out.push(`${el.tagName}: ${el.textContent?.slice(0, 40)}`);
          }
        }
        return out;
      });
      expect(overflowing).toEqual([]);
    });
  });
}
