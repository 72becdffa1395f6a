import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createReplyPicker, filterReplies } from '@/lib/models/reply-picker';
import type { FillContext } from '@/lib/saved-replies/fill';
import type { SavedReply } from '@/lib/saved-replies/types';

const r = (id: string, shortcut: string, title: string, text: string): SavedReply => ({ id, shortcut, title, text, updatedAt: 0 });
const REPLIES = [
  r('1', 'hours', 'Opening hours', 'Hi {first_name}, we are open 8–18.'),
  r('2', 'ship', 'Shipping times', 'Orders ship within 2 days.'),
  r('3', 'thanks', 'Thank you', 'Thanks, {first_name}! — {account}'),
  r('4', 'hours-weekend', 'Weekend hours', 'Saturday 9–14.'),
];
const CTX: FillContext = { contact: { name: 'Lena Krause', username: 'lena_k' }, account: { name: 'Lumen Coffee', username: 'lumen' } };

function picker() {
  const p = createReplyPicker(signal(REPLIES));
  return p;
}

describe('filterReplies', () => {
  it('ranks an exact shortcut first, then prefixes, titles and text, keeping the person’s order among equals', () => {
    expect(filterReplies(REPLIES, 'hours').map((x) => x.id)).toEqual(['1', '4']);
    expect(filterReplies(REPLIES, 'WEEK').map((x) => x.id)).toEqual(['4']);
    expect(filterReplies(REPLIES, 'days').map((x) => x.id)).toEqual(['2']);
    expect(filterReplies(REPLIES, 'thank').map((x) => x.id)).toEqual(['3']);
    expect(filterReplies(REPLIES, '').map((x) => x.id)).toEqual(['1', '2', '3', '4']);
    expect(filterReplies(REPLIES, 'zzz')).toEqual([]);
  });
});

describe('reply picker', () => {
  it('opens on / at the start of the box only, and closes on a new line or when the / is gone', () => {
    const p = picker();
    p.setText('hello /hours');
    expect(p.open.value).toBe(false);
    p.setText('/');
    expect(p.open.value).toBe(true);
    expect(p.matches.value).toHaveLength(4);
    p.setText('/ho\nx');
    expect(p.open.value).toBe(false);
    p.setText('');
    expect(p.open.value).toBe(false);
  });

  it('arrows move through the matches (wrapping); Enter inserts the chosen one filled, replacing the /query', () => {
    const p = picker();
    p.setText('/');
    expect(p.activeReply.value?.id).toBe('1');
    expect(p.key('ArrowDown', CTX)).toEqual({ handled: true });
    expect(p.activeReply.value?.id).toBe('2');
    p.key('ArrowUp', CTX);
    p.key('ArrowUp', CTX);
    expect(p.activeReply.value?.id).toBe('4');
    p.key('ArrowDown', CTX);
    p.key('ArrowDown', CTX);
    p.key('ArrowDown', CTX);
    expect(p.key('Enter', CTX)).toEqual({ handled: true, text: 'Thanks, Lena! — Lumen Coffee' });
    expect(p.open.value).toBe(false);
  });

  it('/shortcut + Enter or Tab inserts that reply directly', () => {
    const p = picker();
    p.setText('/hours');
    expect(p.key('Enter', CTX)).toEqual({ handled: true, text: 'Hi Lena, we are open 8–18.' });
    const q = picker();
    q.setText('/ship');
    expect(q.key('Tab', CTX)).toEqual({ handled: true, text: 'Orders ship within 2 days.' });
  });

  it('Esc closes and leaves the text as typed; it opens again only after the / is gone', () => {
    const p = picker();
    p.setText('/hou');
    expect(p.key('Escape', CTX)).toEqual({ handled: true });
    expect(p.open.value).toBe(false);
    // The box now behaves as usual: Enter is the box's (sends).
    expect(p.key('Enter', CTX)).toEqual({ handled: false });
    p.setText('/hours');
    expect(p.open.value).toBe(false);
    p.setText('');
    p.setText('/');
    expect(p.open.value).toBe(true);
  });

  it('with nothing matching, Enter sends nothing and Tab moves on', () => {
    const p = picker();
    p.setText('/zzz');
    expect(p.open.value).toBe(true);
    expect(p.matches.value).toEqual([]);
    expect(p.key('Enter', CTX)).toEqual({ handled: true });
    expect(p.key('Tab', CTX)).toEqual({ handled: false });
    expect(p.key('Enter', CTX, { shift: true })).toEqual({ handled: false });
  });

  it('a changed query starts at its best match; a reply starting with / does not reopen the picker', () => {
    const p = picker();
    p.setText('/');
    p.key('ArrowDown', CTX);
    p.setText('/h');
    expect(p.activeReply.value?.id).toBe('1');
    const q = createReplyPicker(signal([r('9', 'cmd', 'Command', '/start to begin')]));
    q.setText('/cmd');
    expect(q.key('Enter', CTX).text).toBe('/start to begin');
    q.setText('/start to begin');
    expect(q.open.value).toBe(false);
  });
});
