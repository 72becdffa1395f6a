import { describe, expect, it, vi } from 'vitest';
import { createSavedRepliesModel } from '@/lib/models/saved-replies';
import { browserSyncArea, loadStored, ORDER_KEY, replyKey, type SyncArea } from '@/lib/saved-replies/store';

const draft = (shortcut: string, text = `Text for ${shortcut}`) => ({ title: `Title ${shortcut}`, shortcut, text });

async function modelWith(area: SyncArea = browserSyncArea()) {
  let n = 0;
  const model = createSavedRepliesModel({ area, now: () => 1000, newId: () => `id${++n}` });
  await model.ready;
  return model;
}

describe('saved replies model', () => {
  it('creates replies in order, stored as one item each plus an order item', async () => {
    const model = await modelWith();
    expect((await model.save(draft('hours'))).ok).toBe(true);
    expect((await model.save({ ...draft('thanks'), shortcut: ' /Thanks ' })).ok).toBe(true);
    expect(model.replies.value.map((r) => r.shortcut)).toEqual(['hours', 'thanks']);
    const all = await browserSyncArea().getAll();
    expect(all[ORDER_KEY]).toEqual(['id1', 'id2']);
    expect(all[replyKey('id1')]).toEqual({ title: 'Title hours', shortcut: 'hours', text: 'Text for hours', updatedAt: 1000 });
    model.dispose();
  });

  it('refuses a taken or malformed shortcut and empty fields, per field', async () => {
    const model = await modelWith();
    await model.save(draft('hours'));
    const taken = await model.save(draft('hours'));
    expect(taken).toMatchObject({ ok: false, errors: { shortcut: expect.stringMatching(/already uses \/hours/) as unknown } });
    const bad = await model.save({ title: ' ', shortcut: 'Opening Hours', text: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['shortcut', 'text', 'title']);
    // Editing a reply may keep its own shortcut.
    expect((await model.save({ ...draft('hours'), text: 'New text' }, 'id1')).ok).toBe(true);
    expect(model.replies.value).toHaveLength(1);
    expect(model.replies.value[0]?.text).toBe('New text');
    model.dispose();
  });

  it('moves replies up and down and keeps the order stored', async () => {
    const model = await modelWith();
    for (const s of ['a', 'b', 'c']) await model.save(draft(s));
    await model.move('id3', -1);
    expect(model.replies.value.map((r) => r.shortcut)).toEqual(['a', 'c', 'b']);
    await model.move('id1', 1);
    expect(model.replies.value.map((r) => r.shortcut)).toEqual(['c', 'a', 'b']);
    // At an end nothing moves.
    await model.move('id3', -1);
    expect((await loadStored(browserSyncArea())).replies.map((r) => r.shortcut)).toEqual(['c', 'a', 'b']);
    model.dispose();
  });

  it('deletes with undo back at its place', async () => {
    const model = await modelWith();
    for (const s of ['a', 'b', 'c']) await model.save(draft(s));
    await model.remove('id2');
    expect(model.replies.value.map((r) => r.shortcut)).toEqual(['a', 'c']);
    expect(model.deleted.value?.reply.shortcut).toBe('b');
    await model.undoDelete();
    expect(model.replies.value.map((r) => r.shortcut)).toEqual(['a', 'b', 'c']);
    expect(model.deleted.value).toBeNull();
    model.dispose();
  });

  it('says the sync storage is full in words, stores nothing, and keeps what is there', async () => {
    const area = browserSyncArea();
    await area.set({ filler: 'x'.repeat(101_900) });
    const model = await modelWith(area);
    const result = await model.save(draft('hours', 'y'.repeat(900)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Saved replies are full: they use 99\.\d KB of the 100\.0 KB your browser syncs/);
    expect(model.replies.value).toEqual([]);
    model.dispose();
  });

  it('says so when the browser itself refuses the write for its quota', async () => {
    const real = browserSyncArea();
    const area: SyncArea = { ...real, set: () => Promise.reject(new Error('QUOTA_BYTES_PER_ITEM quota exceeded')) };
    const model = await modelWith(area);
    const result = await model.save(draft('hours'));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/refused to store this reply/) as unknown });
    model.dispose();
  });

  it('follows a change made in another page or browser, reading damaged and unordered items forgivingly', async () => {
    const model = await modelWith();
    await browserSyncArea().set({
      [replyKey('x')]: { title: 'X', shortcut: 'x', text: 'from elsewhere', updatedAt: 5 },
      [replyKey('bad')]: { title: 1 },
      [ORDER_KEY]: ['gone', 'x'],
    });
    await vi.waitFor(() => expect(model.replies.value.map((r) => r.id)).toEqual(['x']));
    model.dispose();
  });

  it('prefills "Save as reply" from a sent message', async () => {
    const model = await modelWith();
    await model.save(draft('thanks'));
    model.composeFrom('  Thanks for your order! It ships tomorrow.\nBest, Lumen  ');
    expect(model.composing.value).toEqual({
      title: 'Thanks for your order! It ships',
      shortcut: 'thanks-for',
      text: 'Thanks for your order! It ships tomorrow.\nBest, Lumen',
    });
    model.closeComposer();
    expect(model.composing.value).toBeNull();
    model.dispose();
  });
});
