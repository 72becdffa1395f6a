import { describe, expect, it } from 'vitest';
import { announcements, seenOf, type InboxNow } from '@/lib/models/announcements';
import { conversation, message, outboxItem } from '../../support/factories';

const open = conversation({ id: 'c1', participant: { id: 'u1', username: 'maria' }, lastInboundTime: 1000 });
const other = conversation({ id: 'c2', participant: { id: 'u2', username: 'leo', name: 'Leo Brews' }, lastInboundTime: 500 });

function state(over: Partial<InboxNow> = {}): InboxNow {
  return { accountId: 'ig1', rows: [open, other], thread: open, messages: [message({ id: 'm1' })], outbox: [], ...over };
}

describe('what the live region says', () => {
  it('says nothing at the first look, nor when a thread opens with its history', () => {
    expect(announcements(null, state())).toEqual([]);
    const listOnly = seenOf(state({ thread: null, messages: null }));
    expect(announcements(listOnly, state())).toEqual([]);
    const loading = seenOf(state({ messages: null }));
    expect(announcements(loading, state())).toEqual([]);
  });

  it('reads a new customer message in the open conversation, and counts several', () => {
    const before = seenOf(state());
    const one = state({ messages: [message({ id: 'm1' }), message({ id: 'm2', text: 'Are you  open\ntoday?' })] });
    expect(announcements(before, one)).toEqual(['New message from maria: Are you open today?']);
    const photo = state({ messages: [message({ id: 'm1' }), message({ id: 'm2', text: '', kind: 'image' })] });
    expect(announcements(before, photo)).toEqual(['New message from maria: Sent a photo']);
    const two = state({ messages: [message({ id: 'm1' }), message({ id: 'm2' }), message({ id: 'm3' })] });
    expect(announcements(before, two)).toEqual(['2 new messages from maria']);
    const own = state({ messages: [message({ id: 'm1' }), message({ id: 'm2', isOwn: true })] });
    expect(announcements(before, own)).toEqual([]);
  });

  it('says when a reply was sent or refused, once, and not when the person deletes it', () => {
    const sending = state({ outbox: [outboxItem({ id: 'o1', text: 'See you', state: 'sending' })] });
    const before = seenOf(sending);
    const failed = state({
      outbox: [outboxItem({ id: 'o1', text: 'See you', state: 'failed', error: { kind: 'permission', message: 'No permission.' } })],
    });
    expect(announcements(before, failed)).toEqual(['Message not sent: No permission.']);
    expect(announcements(seenOf(failed), failed)).toEqual([]);
    // Deleted after failing: nothing to say.
    expect(announcements(seenOf(failed), state())).toEqual([]);
    const delivered = state({ messages: [message({ id: 'm1' }), message({ id: 'm9', isOwn: true, text: 'See you' })] });
    expect(announcements(before, delivered)).toEqual(['Message sent']);
    // Gone from the outbox without arriving (deleted while being checked): not "sent".
    expect(announcements(before, state())).toEqual([]);
  });

  it('names the customer of another conversation that has a new message, and counts several', () => {
    const before = seenOf(state());
    const later = { ...other, lastInboundTime: 2000 };
    expect(announcements(before, state({ rows: [later, open] }))).toEqual(['New message from Leo Brews']);
    const newcomer = conversation({ id: 'c3', participant: { id: 'u3', username: 'walk.in' }, lastInboundTime: 3000 });
    expect(announcements(before, state({ rows: [newcomer, later, open] }))).toEqual(['New messages in 2 conversations']);
    // Another account's list is a first look, not news.
    expect(announcements(before, state({ accountId: 'ig2', rows: [newcomer], thread: null, messages: null }))).toEqual([]);
  });
});
