/** The desk's pure rules: what a conversation is, what each action leaves, and how a snooze ends. */
import { describe, expect, it } from 'vitest';
import type { ConversationDesk } from '@/lib/db/schema';
import { applyDeskChange, DAY_MS, deskStateOf, emptyDesk, endSnooze } from '@/lib/desk/changes';
import { deskStatus, isMarkedUnread, isPinned, nextReturnTime, returnReason } from '@/lib/desk/status';

const ids = { accountId: 'ig1', conversationId: 'c1' };
const conv = (lastInboundTime: number | null) => ({ lastInboundTime });
const desk = (over: Partial<ConversationDesk>): ConversationDesk => ({ ...emptyDesk('ig1', 'c1', 0), ...over });

describe('deskStatus', () => {
  it('is open without a record, done until the customer writes after it', () => {
    expect(deskStatus(conv(1000), undefined, 5000)).toBe('open');
    const done = desk({ doneAt: 10_000 });
    expect(deskStatus(conv(5000), done, 20_000)).toBe('done');
    expect(deskStatus(conv(12_000), done, 20_000)).toBe('open');
  });

  it('counts a customer message from the same second as Done as after it (Meta times are whole seconds)', () => {
    expect(deskStatus(conv(10_000), desk({ doneAt: 10_400 }), 20_000)).toBe('open');
    expect(deskStatus(conv(9_000), desk({ doneAt: 10_400 }), 20_000)).toBe('done');
  });

  it('is snoozed until `until`, or until the customer writes after it was set', () => {
    const snoozed = desk({ snooze: { until: 50_000, at: 10_000, reason: 'snooze' } });
    expect(deskStatus(conv(5000), snoozed, 49_999)).toBe('snoozed');
    expect(deskStatus(conv(5000), snoozed, 50_000)).toBe('open');
    expect(deskStatus(conv(20_000), snoozed, 30_000)).toBe('open');
  });
});

describe('returnReason', () => {
  const followUp = desk({ snooze: { until: 50_000, at: 10_000, reason: 'follow-up', days: 3 } });

  it('says why a conversation is back until it is opened, from the record or from a snooze that ran out', () => {
    expect(returnReason(conv(5000), followUp, undefined, 40_000)).toBeNull();
    expect(returnReason(conv(5000), followUp, undefined, 60_000)).toEqual({ reason: 'follow-up', at: 50_000, days: 3 });
    const settled = desk({ returned: { reason: 'snooze', at: 50_000 } });
    expect(returnReason(conv(5000), settled, undefined, 60_000)).toEqual({ reason: 'snooze', at: 50_000 });
    expect(returnReason(conv(5000), settled, 55_000, 60_000)).toBeNull();
  });

  it('gives no note when the customer answered (their message brought it back)', () => {
    expect(returnReason(conv(20_000), followUp, undefined, 60_000)).toBeNull();
  });
});

describe('applyDeskChange', () => {
  it('done ends a snooze; reopen clears done; nothing left means no record', () => {
    const snoozed = applyDeskChange(undefined, { kind: 'snooze', until: 9000 }, ids, 1000)!;
    expect(snoozed.snooze).toEqual({ until: 9000, at: 1000, reason: 'snooze' });
    const done = applyDeskChange(snoozed, { kind: 'done' }, ids, 2000)!;
    expect(done).toMatchObject({ doneAt: 2000, snooze: null });
    expect(applyDeskChange(done, { kind: 'reopen' }, ids, 3000)).toBeNull();
  });

  it('a follow-up waits the days asked for', () => {
    const d = applyDeskChange(undefined, { kind: 'follow-up', days: 3 }, ids, 1000)!;
    expect(d.snooze).toEqual({ until: 1000 + 3 * DAY_MS, at: 1000, reason: 'follow-up', days: 3 });
  });

  it('pins, marks unread, and keeps labels through everything', () => {
    let d = applyDeskChange(undefined, { kind: 'labels', add: ['l1'] }, ids, 1000)!;
    d = applyDeskChange(d, { kind: 'pin', pinned: true }, ids, 2000)!;
    d = applyDeskChange(d, { kind: 'mark-unread' }, ids, 3000)!;
    expect(isPinned(d)).toBe(true);
    expect(isMarkedUnread(d, 2500)).toBe(true);
    expect(isMarkedUnread(d, 3500)).toBe(false);
    d = applyDeskChange(d, { kind: 'done' }, ids, 4000)!;
    expect(d.labelIds).toEqual(['l1']);
  });

  it('restore (undo) puts back the earlier state, a snooze included, and keeps labels as they are now', () => {
    const snoozed = applyDeskChange(undefined, { kind: 'snooze', until: 9000 }, ids, 1000)!;
    const before = deskStateOf(snoozed);
    let d = applyDeskChange(snoozed, { kind: 'done' }, ids, 2000)!;
    d = applyDeskChange(d, { kind: 'labels', add: ['l2'] }, ids, 2500)!;
    const undone = applyDeskChange(d, { kind: 'restore', state: before }, ids, 3000)!;
    expect(undone).toMatchObject({ doneAt: null, snooze: { until: 9000, at: 1000, reason: 'snooze' }, labelIds: ['l2'] });
    // Undoing the first action on a conversation without a record leaves none.
    const pinned = applyDeskChange(undefined, { kind: 'pin', pinned: true }, ids, 1000)!;
    expect(applyDeskChange(pinned, { kind: 'restore', state: deskStateOf(undefined) }, ids, 2000)).toBeNull();
  });
});

describe('endSnooze', () => {
  const followUp = desk({ snooze: { until: 50_000, at: 10_000, reason: 'follow-up', days: 3 }, pinnedAt: 5 });

  it('brings it back with its note when the customer did not write', () => {
    expect(endSnooze(followUp, 5000, 60_000)).toEqual({
      record: { ...followUp, snooze: null, returned: { reason: 'follow-up', at: 50_000, days: 3 }, updatedAt: 60_000 },
      returned: true,
    });
  });

  it('just clears it when the customer wrote (or removes the record when nothing else is left)', () => {
    expect(endSnooze(followUp, 20_000, 60_000)).toMatchObject({ record: { snooze: null, returned: null }, returned: false });
    const only = desk({ snooze: { until: 50_000, at: 10_000, reason: 'snooze' } });
    expect(endSnooze(only, 20_000, 60_000)).toEqual({ record: null, returned: false });
  });

  it('leaves a snooze that has not ended alone', () => {
    expect(endSnooze(followUp, null, 40_000)).toEqual({ record: followUp, returned: false });
  });
});

describe('nextReturnTime', () => {
  it('is the earliest end of all snoozes, or null', () => {
    expect(nextReturnTime([])).toBeNull();
    expect(
      nextReturnTime([
        desk({ snooze: { until: 9000, at: 1, reason: 'snooze' } }),
        desk({ doneAt: 5 }),
        desk({ snooze: { until: 7000, at: 1, reason: 'follow-up', days: 1 } }),
      ]),
    ).toBe(7000);
  });
});
