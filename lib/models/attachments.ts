/**
 * Images attached to the reply being written. They are stored in IndexedDB at once (so a failed
 * upload or a closed panel loses nothing) and handed to the background by id when sending.
 */
import { batch, signal } from '@preact/signals';
import type { PendingUpload } from '../db/schema';
import { checkImages } from '../policy/attachments';

export interface AttachmentsDeps {
  listUploads(conversationId: string): Promise<PendingUpload[]>;
  putUpload(upload: PendingUpload): Promise<void>;
  deleteUploads(ids: string[]): Promise<void>;
  createObjectURL?: (blob: Blob) => string;
  revokeObjectURL?: (url: string) => void;
  now?: () => number;
}

export interface AttachedImage {
  id: string;
  name: string;
  size: number;
  type: string;
  previewUrl: string;
  state: 'ready' | 'uploading' | 'uploaded' | 'failed';
}

export type AttachmentsModel = ReturnType<typeof createAttachmentsModel>;

export function createAttachmentsModel(deps: AttachmentsDeps) {
  const images = signal<AttachedImage[]>([]);
  const errors = signal<string[]>([]);
  const toUrl = deps.createObjectURL ?? ((b: Blob) => URL.createObjectURL(b));
  const revoke = deps.revokeObjectURL ?? ((u: string) => URL.revokeObjectURL(u));
  let scope: { accountId: string; conversationId: string } | null = null;

  const view = (u: PendingUpload): AttachedImage => ({
    id: u.id,
    name: u.name,
    size: u.size,
    type: u.type,
    previewUrl: toUrl(u.blob),
    state: 'ready',
  });

  return {
    images,
    errors,

    /** Shows the images kept for a conversation (e.g. after a failed send or a reopened panel). */
    async load(accountId: string, conversationId: string): Promise<void> {
      scope = { accountId, conversationId };
      images.value.forEach((i) => revoke(i.previewUrl));
      const stored = await deps.listUploads(conversationId);
      if (scope?.conversationId !== conversationId) return;
      batch(() => {
        images.value = stored.map(view);
        errors.value = [];
      });
    },

    async add(files: readonly File[]): Promise<void> {
      if (!scope) return;
      const target = scope;
      const { accepted, errors: problems } = checkImages(images.value, files);
      errors.value = problems;
      for (const file of accepted) {
        const upload: PendingUpload = {
          id: crypto.randomUUID(),
          accountId: target.accountId,
          conversationId: target.conversationId,
          name: file.name || 'image',
          type: file.type,
          size: file.size,
          blob: file,
          addedAt: (deps.now ?? Date.now)(),
        };
        await deps.putUpload(upload);
        if (scope?.conversationId === target.conversationId) images.value = [...images.value, view(upload)];
      }
    },

    async remove(id: string): Promise<void> {
      const image = images.value.find((i) => i.id === id);
      if (image) revoke(image.previewUrl);
      images.value = images.value.filter((i) => i.id !== id);
      await deps.deleteUploads([id]);
    },

    setState(id: string, state: AttachedImage['state']): void {
      images.value = images.value.map((i) => (i.id === id ? { ...i, state } : i));
    },

    /** After a successful send the background deleted the stored images: drop the previews. */
    clearSent(ids: readonly string[]): void {
      images.value.filter((i) => ids.includes(i.id)).forEach((i) => revoke(i.previewUrl));
      images.value = images.value.filter((i) => !ids.includes(i.id));
    },
  };
}
