/**
 * The background's handlers for what a reply box keeps on this device before anything is sent:
 * its draft, and the images attached to it. Pages never write IndexedDB themselves; they ask for
 * these writes with the `saveDraft`, `storeUpload` and `deleteUploads` requests.
 *
 * The background does not trust the page: every payload is checked before anything is written,
 * and an image must pass the same per-image limits the reply box applies (type and size, from
 * lib/policy/attachments.ts). The count and total of one reply's images are checked when it is
 * sent (the outbox), since a conversation may also hold the images of a reply still on its way.
 *
 * Writes run one at a time in the order the requests arrived, so a draft saved while typing can
 * never land after the empty draft saved once the reply was sent.
 */
import { deleteUploads, getAccount, getUploads, putUpload, saveDraft } from '../db';
import type { Account, Draft, PendingUpload } from '../db/schema';
import { DeskError } from '../errors';
import { t } from '../i18n';
import { ACCEPTED_IMAGE_TYPES, MAX_IMAGE_BYTES } from '../policy/attachments';
import { decodeBlob } from './blob-transfer';
import type { Handlers } from './protocol';

export type ReplyBoxHandlers = Pick<Handlers, 'saveDraft' | 'storeUpload' | 'deleteUploads'>;

export interface ReplyBoxWriteDeps {
  getAccount(id: string): Promise<Account | undefined>;
  getUploads(ids: string[]): Promise<PendingUpload[]>;
  saveDraft(draft: Draft): Promise<void>;
  putUpload(upload: PendingUpload): Promise<void>;
  deleteUploads(ids: string[]): Promise<void>;
  now(): number;
}

const defaultDeps: ReplyBoxWriteDeps = { getAccount, getUploads, saveDraft, putUpload, deleteUploads, now: () => Date.now() };

/** Longest id accepted (the reply box makes UUIDs) and longest file name kept. */
const MAX_ID_LENGTH = 200;
const MAX_NAME_LENGTH = 255;
/** More ids than a reply can carry images is not a request a page makes. */
const MAX_DELETE_IDS = 100;

export function replyBoxHandlers(deps: ReplyBoxWriteDeps = defaultDeps): ReplyBoxHandlers {
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `work` after every write asked for before it (whether that one worked or not). */
  const inOrder = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const connected = async (accountId: string): Promise<void> => {
    if (!(await deps.getAccount(accountId))) throw new DeskError('not-found', t('errors.accountGone'));
  };

  return {
    saveDraft: async (payload) => {
      const accountId = id(payload, 'accountId');
      const conversationId = id(payload, 'conversationId');
      const { text } = payload as { text: unknown };
      // i18n-exempt: a malformed request from a page of this extension, never one a person made
      if (typeof text !== 'string') throw invalid('The draft has no text.');
      return inOrder(async () => {
        await connected(accountId);
        await deps.saveDraft({ accountId, conversationId, text, updatedAt: deps.now() });
        return null;
      });
    },

    storeUpload: async (payload) => {
      const uploadId = id(payload, 'id');
      const accountId = id(payload, 'accountId');
      const conversationId = id(payload, 'conversationId');
      const { name, addedAt, image } = payload as { name: unknown; addedAt: unknown; image: unknown };
      // i18n-exempt: a malformed request from a page of this extension, never one a person made
      if (typeof name !== 'string') throw invalid('The image has no name.');
      // i18n-exempt: a malformed request from a page of this extension, never one a person made
      if (typeof addedAt !== 'number' || !Number.isFinite(addedAt)) throw invalid('The image has no time it was added.');
      const blob = decodeBlob(image, { maxBytes: MAX_IMAGE_BYTES, types: ACCEPTED_IMAGE_TYPES });
      const upload: PendingUpload = {
        id: uploadId,
        accountId,
        conversationId,
        name: name.slice(0, MAX_NAME_LENGTH) || 'image',
        type: blob.type,
        size: blob.size,
        blob,
        addedAt,
      };
      return inOrder(async () => {
        await connected(accountId);
        const [stored] = await deps.getUploads([uploadId]);
        // Storing the same image again is harmless; taking another reply's image is not.
        if (stored && (stored.conversationId !== conversationId || stored.accountId !== accountId)) {
          // i18n-exempt: ids are random per image; only a malformed request from a page repeats one
          throw invalid('An image with this id is already kept for another conversation.');
        }
        await deps.putUpload(upload);
        return null;
      });
    },

    deleteUploads: async (payload) => {
      const { ids } = (payload ?? {}) as { ids: unknown };
      // i18n-exempt: a malformed request from a page of this extension, never one a person made
      if (!Array.isArray(ids) || ids.length > MAX_DELETE_IDS || !ids.every(isId)) throw invalid('The images to remove are not named.');
      return inOrder(async () => {
        await deps.deleteUploads(ids);
        return null;
      });
    },
  };
}

function id(payload: unknown, field: string): string {
  const value = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[field] : undefined;
  // i18n-exempt: a malformed request from a page of this extension, never one a person made
  if (!isId(value)) throw invalid(`The request names no ${field}.`);
  return value;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function invalid(message: string): DeskError {
  return new DeskError('invalid-request', message);
}
