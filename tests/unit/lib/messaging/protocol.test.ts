import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { DeskError } from '@/lib/errors';
import { registerHandlers, sendRequest, unknownRequestMessage, type Handlers, type RequestName } from '@/lib/messaging/protocol';

type Listener = (message: unknown, sender: { id?: string }, sendResponse: (reply: unknown) => void) => true | undefined;

/** The background's listener, called the way the browser calls it for one of our own pages. */
let listener: Listener | null = null;

/**
 * Delivers a message as the browser does: the answer is what the listener passes to sendResponse
 * after returning true; a listener that returns anything else leaves the sender without an answer.
 */
function deliver(message: unknown, sender: { id?: string } = { id: browser.runtime.id }): Promise<unknown> {
  return new Promise((resolve) => {
    if (listener?.(message, sender, resolve) !== true) resolve(undefined);
  });
}

const toDeskError = (e: unknown): DeskError => (e instanceof DeskError ? e : new DeskError('failed', 'Something went wrong.'));

/** Every handler refuses; a test replaces the ones it asks for. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const refuse = (): Promise<never> => Promise.reject(new Error('not expected in this test'));
  return {
    connect: refuse,
    disconnect: refuse,
    sync: refuse,
    send: refuse,
    retrySend: refuse,
    discardSend: refuse,
    saveDraft: refuse,
    storeUpload: refuse,
    deleteUploads: refuse,
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
    ...overrides,
  };
}

/** Fails instead of waiting for the test's own timeout when an answer never comes. */
function within<T>(promise: Promise<T>, ms = 1_000): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer after ${ms} ms`)), ms))]);
}

beforeEach(() => {
  listener = null;
  vi.spyOn(browser.runtime.onMessage, 'addListener').mockImplementation((l) => {
    listener = l as unknown as Listener;
  });
  // A page's request reaches the background's listener as the browser delivers it.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- sendMessage answers with a promise
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((message: unknown) => deliver(message));
});
afterEach(() => vi.restoreAllMocks());

describe('message protocol', () => {
  it('answers a request with its handler’s value', async () => {
    const sync = vi.fn((_: { accountId?: string }) => Promise.resolve(null));
    registerHandlers(handlers({ sync }), toDeskError);
    expect(await within(sendRequest('sync', { accountId: 'ig1' }))).toBeNull();
    expect(sync).toHaveBeenCalledWith({ accountId: 'ig1' });
    registerHandlers(handlers({ send: () => Promise.resolve({ outboxId: 'o1' }) }), toDeskError);
    expect(await within(sendRequest('send', { accountId: 'ig1', conversationId: 'c1', text: 'hi' }))).toEqual({ outboxId: 'o1' });
  });

  it('passes a handler’s failure to the page as the same DeskError, thrown early or late', async () => {
    registerHandlers(
      handlers({
        sync: () => Promise.reject(new DeskError('rate-limit', 'Instagram asks DM Desk to slow down.')),
        connect: () => {
          throw new DeskError('access-denied', 'The login was cancelled.');
        },
      }),
      toDeskError,
    );
    await expect(within(sendRequest('sync', {}))).rejects.toMatchObject({
      kind: 'rate-limit',
      message: 'Instagram asks DM Desk to slow down.',
    });
    await expect(within(sendRequest('connect', {}))).rejects.toMatchObject({ kind: 'access-denied', message: 'The login was cancelled.' });
  });

  it('refuses a request name it does not know, at once and in words, instead of leaving the page waiting', async () => {
    registerHandlers(handlers(), toDeskError);
    const unknown = 'archiveEverything' as RequestName;
    const refusal = within(sendRequest(unknown, {} as never));
    await expect(refusal).rejects.toBeInstanceOf(DeskError);
    await expect(refusal).rejects.toMatchObject({ kind: 'invalid-request', message: unknownRequestMessage('archiveEverything') });
    expect(unknownRequestMessage('archiveEverything')).toContain('“archiveEverything”');
  });

  it('refuses names every object inherits, and names that are not strings', async () => {
    registerHandlers(handlers(), toDeskError);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 42, null]) {
      const reply = await within(deliver({ channel: 'dmdesk/request', name, payload: {} }));
      expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    }
  });

  it('ignores requests from anything but its own extension, and messages that are not requests', () => {
    const sync = vi.fn(() => Promise.resolve(null));
    registerHandlers(handlers({ sync }), toDeskError);
    const answer = vi.fn();
    expect(listener?.({ channel: 'dmdesk/request', name: 'sync', payload: {} }, { id: 'another-extension' }, answer)).toBeUndefined();
    expect(listener?.({ channel: 'dmdesk/notice', notice: { type: 'read-changed' } }, { id: browser.runtime.id }, answer)).toBeUndefined();
    expect(listener?.('hello', { id: browser.runtime.id }, answer)).toBeUndefined();
    expect(answer).not.toHaveBeenCalled();
    expect(sync).not.toHaveBeenCalled();
  });

  it('does not compile a handler table that misses a declared request or adds an undeclared one', () => {
    // Checked by `tsc --noEmit` (tests are part of the project): each line below must stay an error.
    const withoutSync = (table: Omit<Handlers, 'sync'>): Handlers =>
      // @ts-expect-error: 'sync' is declared in Requests, so a table without its handler is incomplete.
      table;
    const withExtra = (table: Handlers): Handlers => ({
      ...table,
      // @ts-expect-error: 'archiveEverything' is not declared in Requests.
      archiveEverything: () => Promise.resolve(null),
    });
    // At run time they are plain functions; the test is that the file compiles only with the errors above.
    expect([typeof withoutSync, typeof withExtra]).toEqual(['function', 'function']);
  });
});
