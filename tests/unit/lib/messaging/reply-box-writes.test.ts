/**
 * The reply box's writes, from the page's side (replyBoxRequests) through the protocol to the
 * background's handlers (replyBoxHandlers) and into IndexedDB (fake-indexeddb, fresh per test).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { deleteUploads, getAccount, getDraft, getUploads, listUploads, putAccount, putUpload, saveDraft } from '@/lib/db';
import type { Draft, PendingUpload } from '@/lib/db/schema';
import { readDiagnostics } from '@/lib/diagnostics';
import { DeskError } from '@/lib/errors';
import { registerHandlers, sendRequest, type Handlers, type Requests } from '@/lib/messaging/protocol';
import { replyBoxRequests, type ReplyBoxWrites } from '@/lib/messaging/reply-box-requests';
import { replyBoxHandlers, type ReplyBoxWriteDeps } from '@/lib/messaging/reply-box-writes';
import { MAX_IMAGE_BYTES } from '@/lib/policy/attachments';
import { account } from '../../support/factories';

type Listener = (message: unknown, sender: { id?: string }, sendResponse: (reply: unknown) => void) => true | undefined;
let listener: Listener | null = null;

const toDeskError = (e: unknown): DeskError => (e instanceof DeskError ? e : new DeskError('failed', 'Something went wrong.'));

/** The background with only the reply box's handlers (every other request refuses). */
function background(deps?: ReplyBoxWriteDeps): ReturnType<typeof replyBoxHandlers> {
  const refuse = (): Promise<never> => Promise.reject(new Error('not expected in this test'));
  const replyBox = replyBoxHandlers(deps);
  const table: Handlers = {
    connect: refuse,
    disconnect: refuse,
    sync: refuse,
    send: refuse,
    retrySend: refuse,
    discardSend: refuse,
    markOpened: refuse,
    react: refuse,
    profile: refuse,
    resolveNames: refuse,
    importArchive: refuse,
    saveMetaSettings: refuse,
    updateDesk: refuse,
    saveLabel: refuse,
    deleteLabel: refuse,
    saveNote: refuse,
    deleteNote: refuse,
    ...replyBox,
  };
  registerHandlers(table, toDeskError);
  return replyBox;
}

/** The side panel's writes, as main.tsx wires them. */
const page = (): ReplyBoxWrites => replyBoxRequests(sendRequest);

function upload(over: Partial<PendingUpload> = {}): PendingUpload {
  const blob = over.blob ?? new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 128])], 'photo.png', { type: 'image/png' });
  return {
    id: 'up1',
    accountId: 'ig1',
    conversationId: 'c1',
    name: 'photo.png',
    type: blob.type,
    size: blob.size,
    blob,
    addedAt: 1000,
    ...over,
  };
}

const draft = (text: string, over: Partial<Draft> = {}): Draft => ({ accountId: 'ig1', conversationId: 'c1', text, updatedAt: 5, ...over });

beforeEach(async () => {
  listener = null;
  vi.spyOn(browser.runtime.onMessage, 'addListener').mockImplementation((l) => {
    listener = l as unknown as Listener;
  });
  // Requests reach the background as the browser delivers them: as JSON, from our own extension.
  // The answer is what the listener passes to sendResponse after returning true.
  const deliver = (message: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      if (listener?.(JSON.parse(JSON.stringify(message)), { id: browser.runtime.id }, resolve) !== true) resolve(undefined);
    });
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- sendMessage answers with a promise
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(deliver);
  await putAccount(account({ id: 'ig1' }));
});
afterEach(() => vi.restoreAllMocks());

describe('the reply box’s draft', () => {
  it('is kept by the background when a page asks, and an empty one is removed', async () => {
    background();
    await page().saveDraft(draft('See you at 9'));
    expect(await getDraft('c1')).toMatchObject({ accountId: 'ig1', conversationId: 'c1', text: 'See you at 9' });
    await page().saveDraft(draft('  '));
    expect(await getDraft('c1')).toBeUndefined();
  });

  it('is refused for an account that is no longer connected, and nothing is stored', async () => {
    background();
    await expect(page().saveDraft(draft('hi', { accountId: 'gone' }))).rejects.toMatchObject({
      kind: 'not-found',
      message: 'This account is no longer connected to DM Desk.',
    });
    expect(await getDraft('c1')).toBeUndefined();
  });

  it('refuses a malformed request without writing', async () => {
    const handlers = background();
    for (const payload of [null, {}, { accountId: 'ig1', conversationId: 'c1' }, { accountId: 'ig1', conversationId: '', text: 'x' }]) {
      await expect(handlers.saveDraft(payload as Requests['saveDraft']['request'])).rejects.toMatchObject({ kind: 'invalid-request' });
    }
    expect(await getDraft('c1')).toBeUndefined();
  });

  it('lands in the order asked for, even when an earlier write is slower', async () => {
    let releaseFirst: () => void = () => undefined;
    const firstCheck = new Promise<void>((resolve) => (releaseFirst = resolve));
    const written: string[] = [];
    let checks = 0;
    const handlers = replyBoxHandlers({
      getAccount: async (id) => {
        checks += 1;
        if (checks === 1) await firstCheck;
        return account({ id });
      },
      getUploads: () => Promise.resolve([]),
      saveDraft: (d) => {
        written.push(d.text);
        return Promise.resolve();
      },
      putUpload: () => Promise.resolve(),
      deleteUploads: () => Promise.resolve(),
      now: () => 7,
    });
    const typing = handlers.saveDraft({ accountId: 'ig1', conversationId: 'c1', text: 'See you' });
    const sent = handlers.saveDraft({ accountId: 'ig1', conversationId: 'c1', text: '' });
    await new Promise((r) => setTimeout(r, 10));
    releaseFirst();
    await Promise.all([typing, sent]);
    // The empty draft saved after sending is the last word: the sent text does not come back.
    expect(written).toEqual(['See you', '']);
  });
});

describe('the reply box’s images', () => {
  it('travel from the page to IndexedDB with their bytes, type and name', async () => {
    // fake-indexeddb cannot clone the test environment's Blob, so its bytes are read on the way in.
    const stored: PendingUpload[] = [];
    background({
      getAccount,
      getUploads,
      saveDraft,
      deleteUploads,
      putUpload: (u) => {
        stored.push(u);
        return putUpload(u);
      },
      now: () => 7,
    });
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 13) & 0xff);
    await page().putUpload(upload({ blob: new File([bytes], 'cat.gif', { type: 'image/gif' }), name: 'cat.gif' }));
    const fields = { id: 'up1', accountId: 'ig1', conversationId: 'c1', name: 'cat.gif', type: 'image/gif', size: 70_000, addedAt: 1000 };
    expect(await listUploads('c1')).toMatchObject([fields]);
    expect(stored).toMatchObject([fields]);
    expect(stored[0]!.blob.type).toBe('image/gif');
    const back = new Uint8Array(await stored[0]!.blob.arrayBuffer());
    expect(back.length).toBe(bytes.length);
    expect(back.every((b, i) => b === bytes[i])).toBe(true);
  });

  it('refuses an image that is not a JPEG, PNG or GIF, and stores nothing', async () => {
    background();
    const svg = new File(['<svg onload="alert(1)"/>'], 'x.svg', { type: 'image/svg+xml' });
    await expect(page().putUpload(upload({ blob: svg }))).rejects.toMatchObject({
      kind: 'invalid-request',
      message: expect.stringMatching(/not accepted/),
    });
    expect(await listUploads('c1')).toEqual([]);
    // The page says so in the diagnostics log (without the image's name).
    const log = await readDiagnostics();
    expect(log.map((e) => e.message)).toContain('Could not keep an image attached to the reply');
    expect(JSON.stringify(log)).not.toContain('x.svg');
  });

  it('refuses an image over Meta’s size limit before decoding it', async () => {
    const handlers = background();
    const tooBig = MAX_IMAGE_BYTES + 1;
    const request = {
      id: 'up1',
      accountId: 'ig1',
      conversationId: 'c1',
      name: 'big.png',
      addedAt: 1,
      image: { type: 'image/png', size: tooBig, base64: 'AAAA' },
    };
    await expect(handlers.storeUpload(request)).rejects.toMatchObject({
      kind: 'invalid-request',
      message: expect.stringMatching(/larger than/),
    });
    expect(await listUploads('c1')).toEqual([]);
  });

  it('refuses malformed requests and images for an account no longer connected', async () => {
    const handlers = background();
    const image = { type: 'image/png', size: 3, base64: btoa('abc') };
    const good = { id: 'up1', accountId: 'ig1', conversationId: 'c1', name: 'a.png', addedAt: 1, image };
    const bad: unknown[] = [
      null,
      { ...good, id: '' },
      { ...good, name: 42 },
      { ...good, addedAt: Number.NaN },
      { ...good, image: null },
      { ...good, id: 'x'.repeat(1000) },
    ];
    for (const payload of bad) {
      await expect(handlers.storeUpload(payload as Requests['storeUpload']['request'])).rejects.toMatchObject({ kind: 'invalid-request' });
    }
    await expect(handlers.storeUpload({ ...good, accountId: 'gone' })).rejects.toMatchObject({ kind: 'not-found' });
    expect(await listUploads('c1')).toEqual([]);
    await handlers.storeUpload(good);
    expect(await listUploads('c1')).toHaveLength(1);
  });

  it('does not let a page replace an image kept for another conversation', async () => {
    const handlers = background();
    await putUpload(upload({ id: 'queued', conversationId: 'c2' }));
    const image = { type: 'image/png', size: 3, base64: btoa('abc') };
    await expect(
      handlers.storeUpload({ id: 'queued', accountId: 'ig1', conversationId: 'c1', name: 'a.png', addedAt: 1, image }),
    ).rejects.toMatchObject({ kind: 'invalid-request' });
    expect(await listUploads('c2')).toMatchObject([{ id: 'queued', size: 7 }]);
    // Storing the same image again for its own conversation is harmless.
    await handlers.storeUpload({ id: 'queued', accountId: 'ig1', conversationId: 'c2', name: 'a.png', addedAt: 1, image });
    expect(await listUploads('c2')).toMatchObject([{ id: 'queued', size: 3 }]);
  });

  it('are let go when a page removes them; a malformed list is refused', async () => {
    const handlers = background();
    await putUpload(upload({ id: 'a' }));
    await putUpload(upload({ id: 'b' }));
    await page().deleteUploads(['a']);
    expect((await listUploads('c1')).map((u) => u.id)).toEqual(['b']);
    for (const payload of [null, {}, { ids: 'b' }, { ids: [42] }, { ids: [''] }]) {
      await expect(handlers.deleteUploads(payload as Requests['deleteUploads']['request'])).rejects.toMatchObject({
        kind: 'invalid-request',
      });
    }
    expect((await listUploads('c1')).map((u) => u.id)).toEqual(['b']);
  });
});
