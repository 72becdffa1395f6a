/**
 * The page side of the reply box's writes: the `saveDraft`, `putUpload` and `deleteUploads` a
 * thread model is given, each one a request to the background (which checks it and writes it;
 * see reply-box-writes.ts). Images are encoded here to travel in the message.
 */
import type { Draft, PendingUpload } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { encodeBlob } from './blob-transfer';
import type { RequestName, Requests } from './protocol';

export type Request = <N extends RequestName>(name: N, payload: Requests[N]['request']) => Promise<Requests[N]['response']>;

export interface ReplyBoxWrites {
  /** Rejects when the draft was not kept; the model keeps the text in the box and logs it. */
  saveDraft(draft: Draft): Promise<void>;
  /** Rejects (logged) when the image was not kept: it is not shown as attached. */
  putUpload(upload: PendingUpload): Promise<void>;
  /** Rejects (logged) when the images were not let go; they show again next time. */
  deleteUploads(ids: string[]): Promise<void>;
}

export function replyBoxRequests(request: Request): ReplyBoxWrites {
  return {
    // The background stamps the time; `updatedAt` from the page is not needed.
    saveDraft: async ({ accountId, conversationId, text }) => {
      await request('saveDraft', { accountId, conversationId, text });
    },
    putUpload: async ({ id, accountId, conversationId, name, addedAt, blob }) => {
      try {
        await request('storeUpload', { id, accountId, conversationId, name, addedAt, image: await encodeBlob(blob) });
      } catch (e) {
        logDiagnostic('ui', 'Could not keep an image attached to the reply', e);
        throw e;
      }
    },
    deleteUploads: async (ids) => {
      try {
        await request('deleteUploads', { ids });
      } catch (e) {
        logDiagnostic('ui', 'Could not let go of images removed from the reply', e);
        throw e;
      }
    },
  };
}
