import { describe, expect, it } from 'vitest';
import { describeImported, importArchivedReplies, mergeArchived, readArchived, toArchived } from '@/lib/saved-replies/archive';
import { browserSyncArea, loadStored } from '@/lib/saved-replies/store';
import type { SavedReply } from '@/lib/saved-replies/types';

const reply = (id: string, shortcut: string, text = `text of ${shortcut}`, title = `Title ${shortcut}`): SavedReply => ({
  id,
  shortcut,
  title,
  text,
  updatedAt: 1,
});

describe('saved replies in an archive', () => {
  it('reads valid replies and counts damaged ones', () => {
    const { replies, invalid } = readArchived([
      { title: 'Hours', shortcut: '/Hours', text: 'We open at 8', updatedAt: 5 },
      { title: 'No text', shortcut: 'x', text: '' },
      { title: 'Bad', shortcut: 'has space', text: 'x' },
      'not a record',
      { title: 'Proto', shortcut: 'p', text: 1 },
    ]);
    expect(replies).toEqual([{ title: 'Hours', shortcut: 'hours', text: 'We open at 8', updatedAt: 5 }]);
    expect(invalid).toBe(4);
    expect(readArchived(undefined)).toEqual({ replies: [], invalid: 0 });
    expect(readArchived('nope').invalid).toBe(1);
  });

  it('skips identical replies and keeps both when a shortcut is taken by a different one', () => {
    let n = 0;
    const { add, identical, renamed } = mergeArchived(
      [reply('a', 'hours', 'We open at 8', 'Hours')],
      [
        { title: 'Hours', shortcut: 'hours', text: 'We open at 8', updatedAt: 1 },
        { title: 'Hours (summer)', shortcut: 'hours', text: 'We open at 7', updatedAt: 1 },
        { title: 'Thanks', shortcut: 'thanks', text: 'Thank you!', updatedAt: 1 },
      ],
      () => `new${++n}`,
    );
    expect(identical).toBe(1);
    expect(renamed).toBe(1);
    expect(add.map((r) => [r.shortcut, r.title])).toEqual([
      ['hours-2', 'Hours (summer)'],
      ['thanks', 'Thanks'],
    ]);
  });

  it('round trip: export, import into another browser, import again changes nothing', async () => {
    const area = browserSyncArea();
    const original = [reply('a', 'hours', 'Hi {first_name}, we open at 8.'), reply('b', 'thanks')];
    const exported = JSON.parse(JSON.stringify(toArchived(original))) as unknown;
    const first = await importArchivedReplies(area, exported);
    expect(first).toMatchObject({ added: 2, identical: 0, renamed: 0, invalid: 0, notStored: 0 });
    const stored = await loadStored(area);
    expect(stored.replies.map((r) => [r.shortcut, r.text])).toEqual([
      ['hours', 'Hi {first_name}, we open at 8.'],
      ['thanks', 'text of thanks'],
    ]);
    const again = await importArchivedReplies(area, exported);
    expect(again).toMatchObject({ added: 0, identical: 2 });
    expect((await loadStored(area)).replies).toHaveLength(2);
    expect(describeImported(again)).toBe('Saved replies: 2 saved replies already here, skipped.');
  });

  it('stores as many as fit and counts the rest when sync storage is full', async () => {
    const area = browserSyncArea();
    await area.set({ filler: 'x'.repeat(100_500) });
    const big = Array.from({ length: 5 }, (_, i) => ({ title: `R${i}`, shortcut: `r${i}`, text: 'y'.repeat(900), updatedAt: 1 }));
    const report = await importArchivedReplies(area, big);
    expect(report.added).toBe(1);
    expect(report.notStored).toBe(4);
    expect(describeImported(report)).toMatch(/4 saved replies not stored: sync storage is full/);
    expect((await loadStored(area)).replies).toHaveLength(1);
  });
});
