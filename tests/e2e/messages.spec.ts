import zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { EmulatorAdmin } from './pages/emulator-admin';
import { WIDE, type InboxPage } from './pages/inbox-page';

type StoredMessage = {
  id: string;
  text: string;
  from: { id: string };
  reactions: Array<{ emoji: string; by_business: boolean }>;
  attachments?: unknown[];
};

async function stored(admin: EmulatorAdmin, label: string): Promise<StoredMessage[]> {
  const conv = (await admin.conversations('lumencoffee')).find((c) => c.label === label);
  if (!conv) throw new Error(`no seeded conversation ${label}`);
  return (await admin.messages('lumencoffee', conv.id)) as StoredMessage[];
}

/**
 * Opens the conversation with `username`: the row shows it as its name until the contact's name
 * arrives from the User Profile API, and as "@username" beside the name after.
 */
async function openThread(inbox: InboxPage, username: string): Promise<void> {
  const list = inbox.page.getByRole('list', { name: 'Conversations' });
  await list
    .getByText(username, { exact: true })
    .or(list.getByText(`@${username}`, { exact: true }))
    .click();
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(inbox.thread.getByRole('heading', { level: 2 })).toHaveText(new RegExp(`(^|@)${escaped}$`));
}

/** A small valid PNG, so uploads carry a real image. */
function png(): Buffer {
  const crc = (buf: Buffer): number => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.from([0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0, 0, 0]);
  const raw = Buffer.alloc(4 * (1 + 4 * 3), 0x80);
  for (let y = 0; y < 4; y++) raw[y * 13] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function color(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((el) => getComputedStyle(el).color);
}

test.beforeEach(async ({ inbox }) => {
  await inbox.open(WIDE);
  await inbox.connect();
  await expect(inbox.rows.first()).toBeVisible();
});

test.describe('every kind of message', () => {
  test('media: photo (opens larger), GIF, sticker, video, voice message and file', async ({ inbox }) => {
    await openThread(inbox, 'maria');
    const t = inbox.thread;
    await expect(t.getByRole('img', { name: 'GIF' })).toBeVisible();
    await expect(t.getByRole('img', { name: 'Sticker' })).toBeVisible();
    await expect(t.locator('video[aria-label="Video"]')).toHaveAttribute('controls', '');
    await expect(t.locator('audio[aria-label="Voice message"]')).toHaveAttribute('controls', '');
    await expect(t.getByRole('link', { name: /wholesale-order\.pdf/ })).toHaveAttribute('href', /\/cdn\/media\/.*\.pdf$/);
    await t.getByRole('button', { name: 'Open photo' }).click();
    const viewer = inbox.page.getByRole('dialog', { name: 'Photo' });
    await expect(viewer).toBeVisible();
    await viewer.getByRole('button', { name: 'Close' }).click();
    await expect(viewer).toHaveCount(0);
    await expect(t.locator('.bubble:empty')).toHaveCount(0);
  });

  test('a thread with media opens at its newest message and stays there as the media take their height', async ({ inbox }) => {
    // Opened again and again (cached media take their height sooner): the scroll to the end used
    // to be taken for the person scrolling away when images grew in the same frame.
    const newest: Array<[string, string]> = [
      ['maria', 'perfect 👍'],
      ['thirdwave.tom', 'you totally should'],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [username, text] of newest) {
        await openThread(inbox, username);
        const t = inbox.thread;
        await expect.poll(() => t.locator('img').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete))).toBe(true);
        await inbox.page.waitForTimeout(300);
        await expect(t.getByText(text, { exact: true })).toBeInViewport();
        await expect(inbox.page.getByRole('button', { name: 'Newest messages' })).toBeHidden();
      }
    }
  });

  test('shared posts and reels are cards with a link to Instagram', async ({ inbox }) => {
    await openThread(inbox, 'thirdwave.tom');
    // The seed shares a post twice: as its image on the CDN and as its Instagram permalink.
    await expect(inbox.thread.getByText('Shared post')).toHaveCount(2);
    await expect(inbox.thread.getByText('Sunday pour-over ritual ☕')).toBeVisible();
    const reel = inbox.thread.getByRole('link', { name: 'Open reel on Instagram' });
    await expect(reel).toHaveAttribute('href', /^https:\/\/www\.instagram\.com\/reel\//);
    await expect(reel).toHaveAttribute('rel', 'noopener noreferrer');
  });

  test('live stories show their media; expired ones say so', async ({ inbox }) => {
    await openThread(inbox, 'nina.k');
    // Named by the contact's name once the User Profile API gave it, by the username before.
    await expect(inbox.thread.getByText(/^(nina\.k|Nina K\.) mentioned you in their story$/)).toBeVisible();
    await expect(inbox.thread.getByRole('img', { name: 'Story' })).toHaveCount(2);
    const reply = inbox.messages.filter({ hasText: 'Replied to your story' });
    await expect(reply).toContainText('Is this blend back for good?');
    await openThread(inbox, 'old.friend');
    await expect(inbox.thread.getByText('Story is no longer available')).toHaveCount(2);
    await expect(inbox.thread.getByRole('img', { name: 'Story' })).toHaveCount(0);
  });

  test('deleted, unsupported and inline replies are labelled, never empty', async ({ inbox }) => {
    await openThread(inbox, 'leo.brews');
    await expect(inbox.thread.getByText('Message was deleted')).toBeVisible();
    await expect(inbox.thread.getByText('This message can only be seen in the Instagram app.')).toBeVisible();
    const reply = inbox.messages.filter({ hasText: 'How do I sign up?' }).first();
    await expect(reply.getByText('Replying to you')).toBeVisible();
    await expect(reply).toContainText('Yes! Free, but please sign up.');
  });

  test('list previews describe messages without text', async ({ inbox, admin }) => {
    await admin.inbound({ account: 'lumencoffee', from: { username: 'photo.fan' }, kind: 'image' });
    await admin.inbound({ account: 'lumencoffee', from: { username: 'story.fan' }, kind: 'story_mention' });
    await inbox.refreshButton.click();
    await expect(inbox.row('photo.fan')).toContainText('Sent a photo');
    await expect(inbox.row('story.fan')).toContainText('Mentioned you in their story');
  });
});

test.describe('reactions', () => {
  test('shows the real emoji and who reacted', async ({ inbox }) => {
    await openThread(inbox, 'leo.brews');
    // The account's own reaction is a button that removes it.
    await expect(inbox.thread.getByRole('button', { name: 'Remove your 👍 reaction' })).toBeVisible();
    await expect(inbox.thread.getByRole('img', { name: '😂 from leo.brews' })).toBeVisible();
    await expect(inbox.thread.getByRole('button', { name: 'Remove your ❤️ reaction' })).toHaveAttribute(
      'title',
      /^❤️ from leo\.brews and you\./,
    );
  });

  test('react and unreact round trip through the Send API', async ({ inbox, admin }) => {
    await openThread(inbox, 'maria_');
    const message = inbox.messages.filter({ hasText: 'great see you later' });
    await message.getByRole('button', { name: 'React to message' }).click();
    await message.getByRole('button', { name: 'React with 😂' }).click();
    await expect(message.getByRole('button', { name: 'Remove your 😂 reaction' })).toBeVisible();
    await expect.poll(async () => (await stored(admin, 'maria_twin')).at(-1)?.reactions).toEqual([{ emoji: '😂', by_business: true }]);
    await message.getByRole('button', { name: 'Remove your 😂 reaction' }).click();
    await expect(message.getByRole('button', { name: 'React to message' })).toBeVisible();
    await expect.poll(async () => (await stored(admin, 'maria_twin')).at(-1)?.reactions).toEqual([]);
  });

  test('a refused reaction rolls back with the reason', async ({ inbox, admin }) => {
    await openThread(inbox, 'maria_');
    await admin.fault({ match: '/messages', method: 'POST', kind: 'status', status: 500, times: 1 });
    const message = inbox.messages.filter({ hasText: 'great see you later' });
    await message.getByRole('button', { name: 'React to message' }).click();
    await message.getByRole('button', { name: 'React with ❤️' }).click();
    await expect(inbox.page.getByRole('alert')).toContainText('Instagram had a temporary problem');
    await expect(message.getByRole('button', { name: 'React to message' })).toBeVisible();
    expect((await stored(admin, 'maria_twin')).at(-1)?.reactions).toEqual([]);
  });

  test('reacting to a story mention or a deleted message explains why it cannot', async ({ inbox }) => {
    await openThread(inbox, 'nina.k');
    const mention = inbox.messages.filter({ hasText: 'mentioned you in their story' });
    await mention.getByRole('button', { name: 'React to message' }).click();
    await mention.getByRole('button', { name: 'React with ❤️' }).click();
    await expect(inbox.page.getByRole('alert')).toContainText('Instagram doesn’t allow reacting to a story mention.');
    await openThread(inbox, 'leo.brews');
    const deleted = inbox.messages.filter({ hasText: 'Message was deleted' });
    await deleted.getByRole('button', { name: 'React to message' }).click();
    await deleted.getByRole('button', { name: 'React with ❤️' }).click();
    await expect(inbox.page.getByRole('alert')).toContainText('This message was deleted');
  });
});

test.describe('composer', () => {
  test('counts UTF-8 bytes: orange near the limit, red at it, Send disabled over it', async ({ inbox }) => {
    await openThread(inbox, 'sofia.bakes');
    const counter = inbox.page.locator('#composer-counter');
    await inbox.messageBox.fill('a'.repeat(985));
    await expect(counter).toHaveText('985 / 1000');
    const normal = await color(inbox.page, '#composer-counter');
    await inbox.messageBox.fill('a'.repeat(986) + '😀'); // 990 bytes
    await expect(counter).toHaveText('990 / 1000');
    const near = await color(inbox.page, '#composer-counter');
    await inbox.messageBox.fill('a'.repeat(996) + '😀'); // 1000 bytes: allowed
    await expect(counter).toHaveText('1000 / 1000');
    const at = await color(inbox.page, '#composer-counter');
    expect(new Set([normal, near, at]).size).toBe(3);
    await expect(inbox.sendButton).toBeEnabled();
    await inbox.messageBox.fill('a'.repeat(997) + '😀'); // 1001 bytes though only 998 characters
    await expect(inbox.sendButton).toBeDisabled();
    await expect(inbox.page.getByRole('alert')).toContainText('Too long for Instagram: remove 1 byte (an emoji');
  });

  test('an image reply uploads through the Attachment Upload API and arrives', async ({ inbox, admin }) => {
    await openThread(inbox, 'sofia.bakes');
    await inbox.page.getByLabel('Choose images').setInputFiles([
      { name: 'latte.png', mimeType: 'image/png', buffer: png() },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
    ]);
    await expect(inbox.page.getByRole('alert')).toContainText('“notes.txt” is not a JPEG, PNG or GIF image.');
    const previews = inbox.page.getByRole('list', { name: 'Images to send' });
    await expect(previews.getByRole('img', { name: 'latte.png' })).toBeVisible();

    // A failed upload keeps the text and the image in the outbox, with the reason.
    await admin.fault({ match: '/message_attachments', kind: 'status', status: 500, times: 1 });
    await inbox.messageBox.fill('Here is the latte art');
    await inbox.sendButton.click();
    await expect(previews).toHaveCount(0);
    const failed = inbox.messages.filter({ hasText: 'Here is the latte art' });
    await expect(failed.getByRole('alert')).toContainText('Failed — Instagram had a temporary problem');
    await expect(failed).toContainText('1 photo');

    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(inbox.page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(inbox.page.getByText('Sending…')).toHaveCount(0);
    await expect(inbox.messages.last()).toContainText('Here is the latte art');
    const messages = await stored(admin, 'newest');
    const image = messages.at(-2);
    expect(image?.attachments?.length).toBe(1);
    expect(messages.at(-1)?.text).toBe('Here is the latte art');
    expect((await admin.requests()).some((r) => r.path.endsWith('/message_attachments') && r.status === 200)).toBe(true);
  });
});

test.describe('reply windows', () => {
  test('the thread header counts down while the window is open', async ({ inbox }) => {
    await openThread(inbox, 'sofia.bakes');
    await expect(inbox.thread.getByRole('timer')).toHaveText(/Reply window closes in 2[34] h/);
    await openThread(inbox, 'old.friend');
    await expect(inbox.thread.getByRole('timer')).toHaveText(/Reply window closes in [23] h/);
    await expect(inbox.row('old.friend')).toContainText(/[23] h left/);
  });

  test('a closed window disables the composer and says why', async ({ inbox }) => {
    await openThread(inbox, 'cafe.leipzig');
    await expect(inbox.thread.getByText('Reply window closed')).toBeVisible();
    await expect(inbox.messageBox).toBeDisabled();
    await expect(inbox.thread.getByText(/The reply window has closed/)).toBeVisible();
  });

  test('with Human Agent approval replies go out tagged for 7 days', async ({ inbox, admin }) => {
    const options = await inbox.context.newPage();
    await options.goto(inbox.url('options.html'));
    await options.getByLabel('My Meta app has Human Agent approval').check();
    await inbox.page.bringToFront();
    await openThread(inbox, 'cafe.leipzig');
    await expect(inbox.thread.getByRole('timer')).toHaveText(/Human agent reply window closes in (3 d 2\d h|4 d)$/);
    await inbox.messageBox.fill('Sorry for the wait! 12 kg works.');
    await inbox.messageBox.press('Enter');
    await expect(inbox.messages.last()).toContainText('Sorry for the wait! 12 kg works.');
    // The bubble can show before the emulator has logged the send's answer: wait for it.
    await expect
      .poll(async () => (await admin.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).at(-1)?.status)
      .toBe(200);
    await openThread(inbox, 'jonas.r');
    await expect(inbox.messageBox).toBeDisabled();
  });

  test('Meta refusing a send as outside the window shows the closed state', async ({ inbox, admin }) => {
    await openThread(inbox, 'old.friend');
    await admin.advanceClock(4 * 60 * 60 * 1000);
    await inbox.messageBox.fill('Did you still want the beans?');
    await inbox.messageBox.press('Enter');
    await expect(inbox.thread.getByText('Reply window closed')).toBeVisible();
    await expect(inbox.messageBox).toBeDisabled();
    await expect(inbox.messages.filter({ hasText: 'Did you still want the beans?' }).getByRole('alert')).toContainText(
      'Instagram refused the last reply',
    );
  });
});

test.describe('needs reply, echoes and contacts', () => {
  test('"Needs reply" lists waiting customers oldest first; a reaction is not a reply', async ({ inbox }) => {
    await inbox.page
      .getByRole('tablist', { name: 'Views' })
      .getByRole('tab', { name: /^Needs reply \d+$/ })
      .click();
    const rows = inbox.rows;
    await expect(rows.first()).toContainText('waiting');
    const waits = await rows.locator('.row-badge.waiting').allTextContents();
    expect(waits.length).toBeGreaterThan(3);
    const minutes = waits.map((w) => {
      const m = /waiting (?:(\d+) d)? ?(?:(\d+) h)?(?:(\d+) min)?/.exec(w)!;
      return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
    });
    expect([...minutes].sort((a, b) => b - a)).toEqual(minutes);
    await expect(inbox.row('sofia.bakes')).toHaveCount(1);

    await openThread(inbox, 'sofia.bakes');
    const last = inbox.messages.filter({ hasText: 'Can I still add 2 bags' });
    await last.getByRole('button', { name: 'React to message' }).click();
    await last.getByRole('button', { name: 'React with 👍' }).click();
    await expect(last.getByRole('button', { name: 'Remove your 👍 reaction' })).toBeVisible();
    await expect(inbox.row('sofia.bakes')).toHaveCount(1);
    await inbox.messageBox.fill('Yes, added!');
    await inbox.messageBox.press('Enter');
    await expect(inbox.row('sofia.bakes')).toHaveCount(0);
  });

  test('messages sent from the Instagram app are marked; DM Desk’s are not', async ({ inbox, admin }) => {
    await openThread(inbox, 'maria_');
    await inbox.messageBox.fill('Sent from DM Desk');
    await inbox.messageBox.press('Enter');
    await expect(inbox.messages.last()).toContainText('Sent from DM Desk');
    const twin = (await admin.conversations('lumencoffee')).find((c) => c.label === 'maria_twin')!;
    await admin.inbound({ account: 'lumencoffee', from: twin.customer.id, text: 'Typed on my phone', echo: true });
    await inbox.refreshButton.click();
    const echo = inbox.messages.filter({ hasText: 'Typed on my phone' });
    await expect(echo).toContainText('Sent from Instagram');
    await expect(inbox.messages.filter({ hasText: 'Sent from DM Desk' })).not.toContainText('Sent from Instagram');
  });

  test('the contact panel shows the profile; a missing consent falls back to the conversation', async ({ inbox }) => {
    await openThread(inbox, 'wholesale.berlin');
    await inbox.thread.getByRole('button', { name: 'Contact details' }).click();
    const panel = inbox.page.getByRole('complementary', { name: 'Contact details' });
    await expect(panel).toContainText('Kiez Kaffee Berlin');
    await expect(panel.getByRole('img', { name: 'Verified account' })).toBeVisible();
    await expect(panel.getByText('48.2K')).toBeVisible();
    await expect(panel).toContainText('Follows you');
    await expect(panel).toContainText('You follow');
    await expect(panel).toContainText('6411100942510665');

    await openThread(inbox, 'ghost.account');
    await expect(panel).toContainText('@ghost.account');
    await expect(panel).toContainText('only after they message the account');

    // Two people both called "Maria" stay two contacts.
    await openThread(inbox, 'maria');
    const first = await panel.locator('code').textContent();
    await openThread(inbox, 'maria_');
    await expect(panel.locator('code')).not.toHaveText(first ?? '');
  });
});

test.describe('outbox', () => {
  test('a reply whose answer is lost says it is being checked, offers no Retry, and arrives exactly once', async ({ inbox, admin }) => {
    test.setTimeout(120_000);
    await openThread(inbox, 'sofia.bakes');
    // Meta holds the send past the client's 15 s timeout, then stores it.
    await admin.fault({ match: '/messages', method: 'POST', kind: 'hold', latencyMs: 25_000, times: 1 });
    await inbox.messageBox.fill('Held by a slow Instagram');
    await inbox.sendButton.click();
    const pending = inbox.messages.filter({ hasText: 'Held by a slow Instagram' });
    await expect(pending).toContainText('Sending…');
    await expect(pending.getByRole('status')).toContainText('Checking whether it was sent…', { timeout: 30_000 });
    await expect(pending.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(pending.getByRole('button', { name: 'Edit' })).toHaveCount(0);
    await expect(inbox.page.getByText('Checking whether it was sent…')).toHaveCount(0, { timeout: 60_000 });
    await expect(inbox.messages.last()).toContainText('Held by a slow Instagram');
    await expect(inbox.page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    expect((await stored(admin, 'newest')).filter((m) => m.text === 'Held by a slow Instagram')).toHaveLength(1);
  });

  test('Edit takes a failed reply back into the box with its image', async ({ inbox, admin }) => {
    await openThread(inbox, 'sofia.bakes');
    await inbox.page.getByLabel('Choose images').setInputFiles([{ name: 'latte.png', mimeType: 'image/png', buffer: png() }]);
    const previews = inbox.page.getByRole('list', { name: 'Images to send' });
    await expect(previews.getByRole('img', { name: 'latte.png' })).toBeVisible();
    await admin.fault({ match: '/message_attachments', kind: 'status', status: 500, times: 1 });
    await inbox.messageBox.fill('The latte, again');
    await inbox.sendButton.click();
    const failed = inbox.messages.filter({ hasText: 'The latte, again' });
    await expect(failed.getByRole('alert')).toContainText('Failed —');

    await failed.getByRole('button', { name: 'Edit' }).click();
    await expect(failed).toHaveCount(0);
    await expect(inbox.messageBox).toHaveValue('The latte, again');
    await expect(previews.getByRole('img', { name: 'latte.png' })).toBeVisible();
    await inbox.sendButton.click();
    await expect(inbox.page.getByText('Sending…')).toHaveCount(0);
    await expect(inbox.messages.last()).toContainText('The latte, again');
    // The bubble can show before Instagram has stored the reply (e.g. while it waits its turn on a
    // busy machine): wait for Instagram's side, then check the image went first, once.
    await expect.poll(async () => (await stored(admin, 'newest')).filter((m) => m.text === 'The latte, again').length).toBe(1);
    const messages = await stored(admin, 'newest');
    expect(messages.at(-2)?.attachments?.length).toBe(1);
    expect(messages.at(-1)?.text).toBe('The latte, again');
  });
});
