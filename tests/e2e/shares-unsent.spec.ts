import { expect, test } from './fixtures';
import type { EmulatorAdmin } from './pages/emulator-admin';
import { WIDE, type InboxPage } from './pages/inbox-page';

async function openThread(inbox: InboxPage, username: string): Promise<void> {
  await inbox.row(username).first().click();
  await expect(inbox.thread).toContainText(username);
}

test.beforeEach(async ({ inbox }) => {
  await inbox.open(WIDE);
  await inbox.connect();
  await expect(inbox.rows.first()).toBeVisible();
});

test.describe('shared posts and reels', () => {
  test('a media-URL share shows its image, a reel plays as a video, a permalink opens Instagram', async ({ inbox }) => {
    await openThread(inbox, 'thirdwave.tom');
    const t = inbox.thread;
    // The post shared as its image on the CDN: the image itself, loaded.
    const image = t.locator('img[alt="Shared post"]');
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    // Two reels whose media is on the CDN (a video file, and an ig_reel attachment whose address
    // does not say it is a video): each is a video player with its video loaded.
    const reels = t.locator('video[aria-label="Shared reel"]');
    await expect(reels).toHaveCount(2);
    for (const reel of await reels.all()) {
      await expect(reel).toHaveAttribute('controls', '');
      await expect.poll(() => reel.evaluate((el: HTMLVideoElement) => el.readyState >= 1 && el.videoWidth > 0)).toBe(true);
    }
    await expect(t.getByText('Cold brew in 30 seconds')).toBeVisible();
    await expect(t.getByText('Preview unavailable')).toHaveCount(0);
    // Permalinks: nothing to show in place, a link to Instagram.
    await expect(t.getByRole('link', { name: 'Open post on Instagram' })).toHaveAttribute('href', /^https:\/\/www\.instagram\.com\/p\//);
    await expect(t.getByRole('link', { name: 'Open reel on Instagram' })).toHaveAttribute('href', /^https:\/\/www\.instagram\.com\/reel\//);
  });

  test('a shared reel is called a reel in the list preview, a post a post', async ({ inbox, admin }) => {
    await admin.inbound({ account: 'lumencoffee', from: { username: 'reel.fan' }, kind: 'ig_reel' });
    await admin.inbound({ account: 'lumencoffee', from: { username: 'clip.fan' }, kind: 'share_reel_media' });
    await admin.inbound({ account: 'lumencoffee', from: { username: 'post.fan' }, kind: 'share_post' });
    await inbox.refreshButton.click();
    await expect(inbox.row('reel.fan')).toContainText('Shared a reel');
    await expect(inbox.row('clip.fan')).toContainText('Shared a reel');
    await expect(inbox.row('post.fan')).toContainText('Shared a post');
    await openThread(inbox, 'reel.fan');
    await expect(inbox.thread.locator('video[aria-label="Shared reel"]')).toBeVisible();
  });
});

async function customerWritesThenUnsends(
  inbox: InboxPage,
  admin: EmulatorAdmin,
  username: string,
  mode: 'vanish' | 'deleted' | 'withheld',
) {
  await admin.inbound({ account: 'lumencoffee', from: { username }, text: 'Hi there' });
  const secret = await admin.inbound({ account: 'lumencoffee', from: { username }, text: `My door code is 4711 ${mode}zebra` });
  await inbox.refreshButton.click();
  await expect(inbox.row(username)).toContainText(`My door code is 4711 ${mode}zebra`);
  await openThread(inbox, username);
  const bubble = inbox.messages.filter({ hasText: `${mode}zebra` });
  const sentAt = await bubble.locator('time').getAttribute('datetime');
  expect(sentAt).toBeTruthy();
  // Found by search before it is unsent.
  const box = inbox.page.getByRole('searchbox', { name: 'Search messages' });
  await box.fill(`${mode}zebra`);
  await expect(inbox.page.getByRole('list', { name: 'Search results' }).getByRole('button')).toHaveCount(1);
  await box.fill('');

  await admin.unsend({ account: 'lumencoffee', message_id: secret.message_id, mode });
  await inbox.refreshButton.click();

  await expect(inbox.row(username)).toContainText('Message was deleted');
  await expect(inbox.row(username)).not.toContainText('door code');
  const deleted = inbox.messages.filter({ hasText: 'Message was deleted' });
  await expect(deleted).toHaveCount(1);
  await expect(deleted.locator('time')).toHaveAttribute('datetime', sentAt!);
  await expect(inbox.thread).not.toContainText('door code');
  await expect(inbox.thread).toContainText('Hi there');
  await box.fill(`${mode}zebra`);
  await expect(inbox.page.getByText('No matches')).toBeVisible();
}

test.describe('a customer unsends a message', () => {
  test('Meta stops returning it: "Message was deleted" in the thread and the list, at its time, and not found by search', async ({
    inbox,
    admin,
  }) => {
    await customerWritesThenUnsends(inbox, admin, 'unsend.vanish', 'vanish');
  });

  test('Meta returns it marked deleted: the same', async ({ inbox, admin }) => {
    await customerWritesThenUnsends(inbox, admin, 'unsend.marked', 'deleted');
  });

  test('Meta lists it without its details (9000001 when fetched alone): the same', async ({ inbox, admin }) => {
    await customerWritesThenUnsends(inbox, admin, 'unsend.withheld', 'withheld');
  });
});
