/** The snooze alarm against a real (fake-indexeddb) database, with fake time and a fake alarm API. */
import { describe, expect, it } from 'vitest';
import { getDB, getDeskState, putAccount, putDeskStates } from '@/lib/db';
import type { ConversationDesk } from '@/lib/db/schema';
import { emptyDesk } from '@/lib/desk/changes';
import { createSnoozeAlarm, SNOOZE_ALARM } from '@/lib/desk/snooze-alarm';
import type { Notice } from '@/lib/messaging/protocol';
import { account, conversation } from '../../support/factories';

const desk = (id: string, over: Partial<ConversationDesk>): ConversationDesk => ({ ...emptyDesk('ig1', id, 0), ...over });

function harness(off: string[] = []) {
  let clock = 100_000;
  const alarms = new Map<string, number>();
  const shown: Array<{ id: string; title: string; message: string }> = [];
  const notices: Notice[] = [];
  let returned = 0;
  const alarm = createSnoozeAlarm({
    alarms: {
      create: (name, { when }) => void alarms.set(name, when),
      clear: async (name) => alarms.delete(name),
    },
    showNotification: async (id, n) => void shown.push({ id, ...n }),
    notificationId: (a, c) => `dmdesk|${a}|${c ?? ''}`,
    notify: (n) => notices.push(n),
    onReturned: () => (returned += 1),
    now: () => clock,
    notificationsOff: async () => off,
  });
  return { alarm, alarms, shown, notices, returned: () => returned, at: (t: number) => (clock = t) };
}

async function seed(): Promise<void> {
  await putAccount(account({ id: 'ig1', username: 'lumen' }));
  const db = await getDB();
  await db.put('conversations', conversation({ id: 'c1', participant: { id: 'u1', username: 'maria' }, lastInboundTime: 1000 }));
  await db.put('conversations', conversation({ id: 'c2', participant: { id: 'u2', username: 'tom' }, lastInboundTime: 1000 }));
  await db.put('conversations', conversation({ id: 'c3', participant: { id: 'u3', username: 'ana' }, lastInboundTime: 150_000 }));
  await putDeskStates([
    desk('c1', { snooze: { until: 200_000, at: 50_000, reason: 'snooze' } }),
    desk('c2', { snooze: { until: 300_000, at: 50_000, reason: 'follow-up', days: 3 } }),
    // The customer answered after this follow-up was set.
    desk('c3', { snooze: { until: 200_000, at: 50_000, reason: 'follow-up', days: 1 } }),
  ]);
}

describe('the snooze alarm', () => {
  it('is set at the next return time, and cleared when nothing is snoozed', async () => {
    const h = harness();
    await seed();
    expect(await h.alarm.schedule()).toBe(200_000);
    expect(h.alarms.get(SNOOZE_ALARM)).toBe(200_000);
    await putDeskStates([desk('c1', {}), desk('c2', {}), desk('c3', {})]);
    await h.alarm.schedule();
    expect(h.alarms.has(SNOOZE_ALARM)).toBe(false);
  });

  it('a time already past fires soon (a browser that was closed when it was due)', async () => {
    const h = harness();
    await seed();
    h.at(250_000);
    expect(await h.alarm.schedule()).toBe(251_000);
  });

  it('when it fires, ended snoozes come back with a note and a notification; answered ones are just cleared', async () => {
    const h = harness();
    await seed();
    h.at(200_500);
    await h.alarm.fire();
    expect(await getDeskState('c1')).toMatchObject({ snooze: null, returned: { reason: 'snooze', at: 200_000 } });
    // Answered: nothing left worth keeping.
    expect(await getDeskState('c3')).toBeUndefined();
    // Not yet due.
    expect((await getDeskState('c2'))?.snooze?.until).toBe(300_000);
    expect(h.shown).toEqual([
      { id: 'dmdesk|ig1|c1', title: 'Snoozed conversation is back: maria', message: '@lumen · open DM Desk to follow up' },
    ]);
    expect(h.notices).toEqual([{ type: 'desk-changed', accountId: 'ig1', conversationIds: ['c1', 'c3'] }]);
    expect(h.returned()).toBe(1);
    // The alarm moves on to the next one.
    expect(h.alarms.get(SNOOZE_ALARM)).toBe(300_000);

    h.at(300_000);
    await h.alarm.fire();
    expect(h.shown.at(-1)).toMatchObject({ id: 'dmdesk|ig1|c2', title: 'No reply from tom in 3 days' });
    expect(await getDeskState('c2')).toMatchObject({ returned: { reason: 'follow-up', days: 3 } });
    expect(h.alarms.has(SNOOZE_ALARM)).toBe(false);
  });

  it('with notifications off for the account it still brings them back, silently', async () => {
    const h = harness(['ig1']);
    await seed();
    h.at(400_000);
    await h.alarm.fire();
    expect(h.shown).toEqual([]);
    expect((await getDeskState('c2'))?.returned?.reason).toBe('follow-up');
  });

  it('a firing with nothing due changes nothing and tells no one', async () => {
    const h = harness();
    await seed();
    h.at(150_000);
    await h.alarm.fire();
    expect(h.notices).toEqual([]);
    expect(h.returned()).toBe(0);
    expect(h.alarms.get(SNOOZE_ALARM)).toBe(200_000);
  });
});
