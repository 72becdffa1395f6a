/** The background's updateDesk handler: checked changes, undo's restore, and who is told. */
import { beforeEach, describe, expect, it } from 'vitest';
import { getDeskState, putAccount } from '@/lib/db';
import type { DeskChange } from '@/lib/desk/changes';
import { deskHandlers } from '@/lib/desk/writes';
import type { Notice } from '@/lib/messaging/protocol';
import { account } from '../../support/factories';

let notices: Notice[];
let changed: number;
let clock: number;

function handlers() {
  return deskHandlers({
    notify: (n) => notices.push(n),
    onDeskChanged: () => (changed += 1),
    now: () => clock,
    newId: () => 'id',
  });
}

beforeEach(async () => {
  notices = [];
  changed = 0;
  clock = 10_000;
  await putAccount(account({ id: 'ig1' }));
});

describe('updateDesk', () => {
  it('writes the change, tells the pages and the alarm, and undo restores the earlier state', async () => {
    const h = handlers();
    await h.updateDesk({ accountId: 'ig1', conversationIds: ['c1'], change: { kind: 'snooze', until: 50_000 } });
    expect(await getDeskState('c1')).toMatchObject({ snooze: { until: 50_000, at: 10_000, reason: 'snooze' } });
    expect(notices).toEqual([{ type: 'desk-changed', accountId: 'ig1', conversationIds: ['c1'] }]);
    expect(changed).toBe(1);
    clock = 20_000;
    await h.updateDesk({ accountId: 'ig1', conversationIds: ['c1'], change: { kind: 'done' } });
    await h.updateDesk({
      accountId: 'ig1',
      conversationIds: ['c1'],
      change: {
        kind: 'restore',
        state: {
          doneAt: null,
          snooze: { until: 50_000, at: 10_000, reason: 'snooze' },
          returned: null,
          pinnedAt: null,
          markedUnreadAt: null,
        },
      },
    });
    expect(await getDeskState('c1')).toMatchObject({ doneAt: null, snooze: { until: 50_000 } });
  });

  it('refuses a snooze in the past and a restore that is not a desk state', async () => {
    const h = handlers();
    await expect(h.updateDesk({ accountId: 'ig1', conversationIds: ['c1'], change: { kind: 'snooze', until: 5000 } })).rejects.toThrow(
      'Pick a time in the future',
    );
    const bad = [
      { kind: 'restore', state: null },
      { kind: 'restore', state: { doneAt: 'yesterday', snooze: null, returned: null, pinnedAt: null, markedUnreadAt: null } },
      {
        kind: 'restore',
        state: { doneAt: null, snooze: { until: 1, at: 1, reason: 'later' }, returned: null, pinnedAt: null, markedUnreadAt: null },
      },
      { kind: 'follow-up', days: 0 },
      { kind: 'nap' },
    ] as unknown as DeskChange[];
    for (const change of bad) {
      await expect(h.updateDesk({ accountId: 'ig1', conversationIds: ['c1'], change })).rejects.toThrow();
    }
    expect(await getDeskState('c1')).toBeUndefined();
    expect(changed).toBe(0);
  });
});
