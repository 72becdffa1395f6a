import { describe, expect, it } from 'vitest';
import type { PendingUpload } from '@/lib/db/schema';
import { DeskError } from '@/lib/errors';
import { createAttachmentsModel, type AttachmentsDeps } from '@/lib/models/attachments';

function setup(overrides: Partial<AttachmentsDeps> = {}) {
  const stored: PendingUpload[] = [];
  const revoked: string[] = [];
  let urls = 0;
  const deps: AttachmentsDeps = {
    listUploads: async (id) => stored.filter((u) => u.conversationId === id),
    putUpload: async (u) => void stored.push(u),
    deleteUploads: async (ids) => void stored.splice(0, stored.length, ...stored.filter((u) => !ids.includes(u.id))),
    createObjectURL: () => `blob:fake/${++urls}`,
    revokeObjectURL: (u) => void revoked.push(u),
    ...overrides,
  };
  const model = createAttachmentsModel(deps, { accountId: 'ig1', conversationId: 'c1' });
  return { model, stored, revoked };
}

const png = (name: string, size = 10) => new File([new Uint8Array(size)], name, { type: 'image/png' });

describe('AttachmentsModel', () => {
  it('stores each image at once and shows it; a file that is not an image is refused with its reason', async () => {
    const { model, stored } = setup();
    await model.add([png('latte.png'), new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    expect(model.images.value.map((i) => i.name)).toEqual(['latte.png']);
    expect(stored.map((u) => [u.name, u.conversationId])).toEqual([['latte.png', 'c1']]);
    expect(model.errors.value).toEqual(['“notes.txt” is not a JPEG, PNG or GIF image.']);
  });

  it('an image the background refuses to keep is not shown, and the box says why', async () => {
    const { model } = setup({ putUpload: () => Promise.reject(new DeskError('invalid-request', 'The image is larger than 8 MB.')) });
    await model.add([png('huge.png')]);
    expect(model.images.value).toEqual([]);
    expect(model.errors.value).toEqual(['“huge.png” could not be attached. The image is larger than 8 MB.']);
  });

  it('shows the stored images again, and removes one from the box and the store', async () => {
    const { model, stored, revoked } = setup();
    await model.add([png('a.png'), png('b.png')]);
    const again = setup();
    again.stored.push(...stored);
    await again.model.load();
    expect(again.model.images.value.map((i) => i.name)).toEqual(['a.png', 'b.png']);
    const first = model.images.value[0]!;
    await model.remove(first.id);
    expect(model.images.value.map((i) => i.name)).toEqual(['b.png']);
    expect(stored.map((u) => u.name)).toEqual(['b.png']);
    expect(revoked).toEqual([first.previewUrl]);
  });

  it('after dispose the previews are let go and nothing shows, but an image being added is still stored', async () => {
    const { model, stored, revoked } = setup();
    await model.add([png('a.png')]);
    const adding = model.add([png('b.png')]);
    model.dispose();
    await adding;
    expect(revoked).toHaveLength(1);
    expect(model.images.value.map((i) => i.name)).toEqual(['a.png']);
    expect(stored.map((u) => u.name)).toEqual(['a.png', 'b.png']);
  });
});
