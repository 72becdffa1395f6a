/**
 * Images attached to the reply being written. The background stores them in IndexedDB at once (so
 * a failed upload or a closed panel loses nothing) and gets them by id when sending.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { PendingUpload } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { t } from '../i18n';
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

/** The images of one open thread's reply box; disposed with the thread (previews let go). */
export function createAttachmentsModel(deps: AttachmentsDeps, scope: { accountId: string; conversationId: string }) {
  const images = signal<AttachedImage[]>([]);
  const errors = signal<string[]>([]);
  const toUrl = deps.createObjectURL ?? ((b: Blob) => URL.createObjectURL(b));
  const revoke = deps.revokeObjectURL ?? ((u: string) => URL.revokeObjectURL(u));
  let disposed = false;
  /** Every change lands here, so nothing lands after dispose. */
  const write = (fn: () => void): void => {
    if (!disposed) batch(fn);
  };

  const view = (u: PendingUpload): AttachedImage => ({
    id: u.id,
    name: u.name,
    size: u.size,
    type: u.type,
    previewUrl: toUrl(u.blob),
    state: 'ready',
  });

  return {
    images: images as ReadonlySignal<AttachedImage[]>,
    errors: errors as ReadonlySignal<string[]>,

    /** Shows the images kept for the conversation (e.g. after a failed send or a reopened panel). */
    async load(): Promise<void> {
      const stored = await deps.listUploads(scope.conversationId);
      write(() => {
        images.value.forEach((i) => revoke(i.previewUrl));
        images.value = stored.map(view);
        errors.value = [];
      });
    },

    async add(files: readonly File[]): Promise<void> {
      const { accepted, errors: problems } = checkImages(images.value, files);
      write(() => (errors.value = problems));
      for (const file of accepted) {
        const upload: PendingUpload = {
          id: crypto.randomUUID(),
          accountId: scope.accountId,
          conversationId: scope.conversationId,
          name: file.name || t('composer.unnamedImage'),
          type: file.type,
          size: file.size,
          blob: file,
          addedAt: (deps.now ?? Date.now)(),
        };
        // Stored even if the thread closes meanwhile: it shows again when the thread opens.
        try {
          await deps.putUpload(upload);
        } catch (e) {
          logDiagnostic('ui', 'An attached image could not be kept', e);
          const reason = e instanceof DeskError ? e.message : t('composer.attachAgain');
          write(() => (errors.value = [...errors.value, t('composer.attachFailed', { name: upload.name, reason })]));
          continue;
        }
        write(() => (images.value = [...images.value, view(upload)]));
      }
    },

    async remove(id: string): Promise<void> {
      write(() => {
        const image = images.value.find((i) => i.id === id);
        if (image) revoke(image.previewUrl);
        images.value = images.value.filter((i) => i.id !== id);
      });
      await deps.deleteUploads([id]);
    },

    setState(id: string, state: AttachedImage['state']): void {
      write(() => (images.value = images.value.map((i) => (i.id === id ? { ...i, state } : i))));
    },

    /** After a successful send the background deleted the stored images: drop the previews. */
    clearSent(ids: readonly string[]): void {
      write(() => {
        images.value.filter((i) => ids.includes(i.id)).forEach((i) => revoke(i.previewUrl));
        images.value = images.value.filter((i) => !ids.includes(i.id));
      });
    },

    /** The thread closed: the previews are let go (the images stay stored). */
    dispose(): void {
      if (disposed) return;
      images.value.forEach((i) => revoke(i.previewUrl));
      disposed = true;
    },
  };
}
