/**
 * The one protocol between UI pages and the background. Requests go UI → background and answer
 * with a value or a DeskError (rejection); notices go background → UI and tell pages to re-read
 * the cache. Handlers are registered in entrypoints/background.ts only. Whether a page is in view
 * travels on a runtime port of its own (presence.ts), which closes by itself with the page.
 */
import { browser } from 'wxt/browser';
import type { ImportReport } from '../archive/import';
import type { DisconnectResult } from '../auth/service';
import type { ContactProfile } from '../contacts/profile';
import type { ContactNote, Label, LabelColor } from '../db/schema';
import type { DeskChange } from '../desk/changes';
import { DeskError, type DeskErrorKind } from '../errors';
import { t } from '../i18n';
import type { EncodedBlob } from './blob-transfer';

export interface Requests {
  /** Runs the Meta login (interactive) and discovers the Instagram accounts. */
  connect: { request: Record<string, never>; response: { accounts: number } };
  /**
   * Disconnects an account and deletes everything stored for it (revokes the login at Meta when it
   * was the last one; `revoke` says whether that worked).
   */
  disconnect: { request: { accountId: string }; response: DisconnectResult };
  /** Syncs one account now, or all of them. */
  sync: { request: { accountId?: string }; response: null };
  /**
   * Queues a reply (text and/or images already stored in `uploads`) in the persistent outbox.
   * Resolves once it is stored; delivery is reported through `outbox-changed` notices.
   */
  send: {
    request: { accountId: string; conversationId: string; text: string; uploadIds?: string[] };
    response: { outboxId: string };
  };
  /**
   * Sends a failed reply again, optionally with edited text. Refused while DM Desk is still
   * checking whether the last attempt arrived.
   */
  retrySend: { request: { outboxId: string; text?: string }; response: null };
  /**
   * Discards a reply that is not on its way. With `keepImages` (Edit) its images stay stored for
   * the reply box; that is refused unless the reply failed.
   */
  discardSend: { request: { outboxId: string; keepImages?: boolean }; response: null };
  /**
   * Keeps the text typed into a conversation's reply box (an empty text removes it). Asked for
   * while typing (debounced) and once a reply is sent; refused for an account no longer connected.
   */
  saveDraft: { request: { accountId: string; conversationId: string; text: string }; response: null };
  /**
   * Keeps an image attached to a reply box until it is sent or removed (`id` names it in `send`).
   * The image travels base64-encoded (lib/messaging/blob-transfer.ts); one that is not a JPEG,
   * PNG or GIF within Meta's size limit is refused.
   */
  storeUpload: {
    request: { id: string; accountId: string; conversationId: string; name: string; addedAt: number; image: EncodedBlob };
    response: null;
  };
  /** Lets go of images removed from a reply box before it was sent. */
  deleteUploads: { request: { ids: string[] }; response: null };
  /** The person opened a conversation: it is read now (local read state). */
  markOpened: { request: { accountId: string; conversationId: string }; response: null };
  /** Reacts to a received message with an emoji, or removes the reaction (emoji null). */
  react: { request: { accountId: string; conversationId: string; messageId: string; emoji: string | null }; response: null };
  /** The contact's profile for the conversation (cached; picture URL fetched fresh). */
  profile: { request: { accountId: string; conversationId: string; refresh?: boolean }; response: ContactProfile };
  /**
   * The list shows these rows: read their contacts' names (cached for a day, withheld ones too).
   * Answers at once; rows whose name changed come as `conversations-changed`.
   */
  resolveNames: { request: { accountId: string; conversationIds: string[] }; response: null };
  /**
   * Imports an archive file (its text; the background parses and checks every record) into the
   * accounts connected here. Answers what was imported, kept and skipped, and why.
   */
  importArchive: { request: { text: string }; response: ImportReport };
  /** Done, snooze, follow-up, pin, mark unread or labels, for one or more conversations of an account (local only). */
  updateDesk: { request: { accountId: string; conversationIds: string[]; change: DeskChange }; response: null };
  /**
   * Creates a label (no `id`) or renames / recolours one everywhere at once; `order` moves it to
   * that position among the labels (the others shift).
   */
  saveLabel: { request: { id?: string; name: string; color: LabelColor; order?: number }; response: Label };
  /** Deletes a label and takes it off every conversation. */
  deleteLabel: { request: { id: string }; response: null };
  /** Adds (no `id`) or edits a private note on a contact; never sent to Instagram. */
  saveNote: { request: { id?: string; accountId: string; contactId: string; conversationId: string; text: string }; response: ContactNote };
  deleteNote: { request: { id: string }; response: null };
  /**
   * Saves the Meta app settings (app id, endpoint overrides). Refused values come back as
   * `problems`; when an endpoint changes, the stored logins are forgotten (`endpointsChanged`).
   */
  saveMetaSettings: {
    request: { appId: string; graphApiBase: string; oauthDialogUrl: string };
    response: { endpointsChanged: boolean; problems: Partial<Record<'appId' | 'graphApiBase' | 'oauthDialogUrl', string>> };
  };
}

export type RequestName = keyof Requests;

export type Notice =
  | { type: 'accounts-changed' }
  | { type: 'conversations-changed'; accountId: string; conversationIds: string[] }
  | { type: 'sync-changed'; accountId: string }
  | { type: 'outbox-changed'; accountId: string; conversationId: string }
  | { type: 'read-changed' }
  | { type: 'desk-changed'; accountId: string; conversationIds: string[] }
  | { type: 'labels-changed' }
  | { type: 'notes-changed'; accountId: string; contactId: string }
  | { type: 'upload-progress'; conversationId: string; uploadId: string; state: 'uploading' | 'uploaded' | 'failed' }
  /** The search index is being built over the whole cache (after an update, or resumed after a stop). */
  | { type: 'search-index-progress'; done: number; total: number }
  /** An `importArchive` request is under way: which phase, and how far in it (records or messages). */
  | { type: 'import-progress'; phase: ImportPhase; done: number; total: number };

/** The background's phases of an import (reading the file is the page's own). */
export type ImportPhase = 'checking' | 'writing';

type Envelope = { channel: 'dmdesk/request'; name: RequestName; payload: unknown } | { channel: 'dmdesk/notice'; notice: Notice };

export type Reply = { ok: true; value: unknown } | { ok: false; error: { kind: DeskErrorKind; message: string } };

export async function sendRequest<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']> {
  const envelope: Envelope = { channel: 'dmdesk/request', name, payload };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply | undefined;
  if (!reply || typeof reply !== 'object') throw new DeskError('failed', t('errors.backgroundSilent'));
  if (!reply.ok) throw new DeskError(reply.error.kind, reply.error.message);
  return reply.value as Requests[N]['response'];
}

/**
 * The background's answer to every request, one handler per name. A request declared in
 * `Requests` without a handler here (or a handler for an undeclared one) does not compile.
 */
export type Handlers = { [N in RequestName]: (payload: Requests[N]['request']) => Promise<Requests[N]['response']> };

/** What a page sees when it asks for something this background does not know (e.g. a page from a newer build). */
export function unknownRequestMessage(name: string): string {
  return t('errors.unknownRequest', { name });
}

/**
 * Answers one request: its handler's value, or its failure as a DeskError. A name that is not a
 * request (including inherited names such as "toString") is refused at once, never left hanging.
 */
export function answerRequest(handlers: Handlers, name: unknown, payload: unknown, toDeskError: (e: unknown) => DeskError): Promise<Reply> {
  const handler = isRequestName(handlers, name) ? (handlers[name] as (p: unknown) => Promise<unknown>) : null;
  if (!handler) {
    return Promise.resolve({ ok: false, error: { kind: 'invalid-request', message: unknownRequestMessage(String(name)) } });
  }
  let pending: Promise<unknown>;
  try {
    pending = handler(payload);
  } catch (e) {
    // A handler that throws before its first await is answered like one that rejects.
    pending = Promise.reject(e);
  }
  return pending.then(
    (value): Reply => ({ ok: true, value: value ?? null }),
    (e: unknown): Reply => {
      const err = toDeskError(e);
      return { ok: false, error: { kind: err.kind, message: err.message } };
    },
  );
}

function isRequestName(handlers: Handlers, name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(handlers, name) && typeof (handlers as Record<string, unknown>)[name] === 'function';
}

/** Background side: answers every request with its handler; other messages are ignored. */
export function registerHandlers(handlers: Handlers, toDeskError: (e: unknown) => DeskError): void {
  // Answered through sendResponse, kept open by returning true: the one way Chrome and Firefox
  // both wait for an asynchronous answer without a polyfill (Chrome ignores a returned promise).
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: Reply) => void) => {
    if (!isEnvelope(message) || message.channel !== 'dmdesk/request') return undefined;
    // Only our own extension pages may ask the background to act.
    if (sender.id !== browser.runtime.id) return undefined;
    void answerRequest(handlers, message.name, message.payload, toDeskError).then(sendResponse);
    return true;
  });
}

/** Background side: tells open pages to re-read. No page open is not an error. */
export function broadcast(notice: Notice): void {
  const envelope: Envelope = { channel: 'dmdesk/notice', notice };
  browser.runtime.sendMessage(envelope).catch(() => undefined);
}

/** UI side: calls `listener` for each notice; returns an unsubscribe function. */
export function onNotice(listener: (notice: Notice) => void): () => void {
  const wrapped = (message: unknown): undefined => {
    if (isEnvelope(message) && message.channel === 'dmdesk/notice') listener(message.notice);
    return undefined;
  };
  browser.runtime.onMessage.addListener(wrapped);
  return () => browser.runtime.onMessage.removeListener(wrapped);
}

function isEnvelope(m: unknown): m is Envelope {
  return typeof m === 'object' && m !== null && 'channel' in m && typeof (m as { channel: unknown }).channel === 'string';
}
