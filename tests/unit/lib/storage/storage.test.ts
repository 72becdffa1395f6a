import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { storage } from '@/lib/storage';

/** Lets storage's change events settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('storage items', () => {
  it('answer the fallback until a value is stored, and again once it is removed', async () => {
    const item = storage.defineItem<{ n: number }>('local:test.item', { fallback: { n: 0 } });
    expect(item.key).toBe('local:test.item');
    expect(await item.getValue()).toEqual({ n: 0 });
    await item.setValue({ n: 2 });
    expect(await item.getValue()).toEqual({ n: 2 });
    await item.removeValue();
    expect(await item.getValue()).toEqual({ n: 0 });
  });

  it('keep the value under its own key in its own area, as the stored format always was', async () => {
    await storage.defineItem<string>('session:test.where', { fallback: '' }).setValue('here');
    expect(await browser.storage.session.get('test.where')).toEqual({ 'test.where': 'here' });
    expect(await browser.storage.local.get('test.where')).toEqual({});
    await browser.storage.local.set({ 'test.older': 5 });
    expect(await storage.defineItem<number>('local:test.older', { fallback: 1 }).getValue()).toBe(5);
  });

  it('remove the value when set to null, so the fallback shows', async () => {
    const item = storage.defineItem<string | null>('local:test.nullable', { fallback: 'none' });
    await item.setValue('x');
    await item.setValue(null);
    expect(await browser.storage.local.get('test.nullable')).toEqual({});
    expect(await item.getValue()).toBe('none');
  });

  it('tell a watcher each change of their key (the fallback for a removed value) until it stops watching', async () => {
    const item = storage.defineItem<number>('local:test.watched', { fallback: -1 });
    const seen: Array<[number, number]> = [];
    const stop = item.watch((next, previous) => seen.push([next, previous]));
    await item.setValue(1);
    await browser.storage.local.set({ 'test.other': 9 });
    await storage.defineItem<number>('session:test.watched', { fallback: 0 }).setValue(7);
    await item.setValue(2);
    await item.removeValue();
    await settle();
    expect(seen).toEqual([
      [1, -1],
      [2, 1],
      [-1, 2],
    ]);
    stop();
    await item.setValue(3);
    await settle();
    expect(seen).toHaveLength(3);
  });

  it('read, write and remove by key without an item (null when nothing is stored)', async () => {
    expect(await storage.getItem<number>('local:test.loose')).toBeNull();
    await storage.setItem('local:test.loose', 4);
    expect(await storage.getItem<number>('local:test.loose')).toBe(4);
    await storage.removeItem('local:test.loose');
    expect(await storage.getItem<number>('local:test.loose')).toBeNull();
  });

  it('refuse a key without a known area', () => {
    expect(() => storage.defineItem('disk:test' as 'local:test', { fallback: 0 }).watch(() => undefined)).toThrow(/storage area/);
  });
});
