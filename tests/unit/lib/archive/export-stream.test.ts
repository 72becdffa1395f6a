import { describe, expect, it } from 'vitest';
import { buildArchive, messagesToCsv } from '@/lib/archive/export';
import { exportArchiveCsv, exportArchiveJson } from '@/lib/archive/export-stream';
import { getDB, putAccount, putDeskStates, putLabels, putNotes } from '@/lib/db';
import { browserSyncArea, ORDER_KEY } from '@/lib/saved-replies/store';
import { account, conversation, message } from '../../support/factories';

const IG = '17841400000000001';
const OTHER = '17841400000000002';
const T = Date.UTC(2026, 10, 21, 10);
const NOW = T + 3_600_000;

/** Two accounts; conversations whose ids do not sort like their times; messages with quotes, lines and emoji. */
async function seed(): Promise<void> {
  const db = await getDB();
  await putAccount(account({ id: OTHER, username: 'other', order: 0 }));
  await putAccount(account({ id: IG, username: 'lumen', order: 1 }));
  for (let i = 0; i < 7; i++) {
    const id = `aWdfZAG06MTpJR01lc3NhZA${(7 - i) * 3}`;
    const accountId = i === 3 ? OTHER : IG;
    await db.put(
      'conversations',
      conversation({ id, accountId, participant: { id: `50000000000000${i}`, username: `c${i}` }, updatedTime: T + i }),
    );
    for (let k = 0; k < 3; k++) {
      await db.put(
        'messages',
        message({
          id: `aWdfZAG1faXRlbTo${i}x${k}`,
          conversationId: id,
          accountId,
          createdTime: T - k * 1000,
          isOwn: k === 1,
          fromId: k === 1 ? accountId : `50000000000000${i}`,
          text: `Line "${i}"\nsecond ☕ =SUM(A1) ${k}`,
        }),
      );
    }
  }
  await putLabels([{ id: 'l1', name: 'VIP', color: 'red', order: 0, createdAt: T }]);
  await putDeskStates([
    {
      conversationId: 'aWdfZAG06MTpJR01lc3NhZA3',
      accountId: IG,
      doneAt: T,
      snooze: null,
      returned: null,
      pinnedAt: null,
      markedUnreadAt: null,
      labelIds: ['l1'],
      updatedAt: T,
    },
  ]);
  await putNotes([
    {
      id: 'n1',
      accountId: IG,
      contactId: '500000000000006',
      conversationId: 'aWdfZAG06MTpJR01lc3NhZA3',
      text: 'EUR',
      createdAt: T,
      updatedAt: T,
    },
  ]);
  await browserSyncArea().set({
    'savedReply.a': { title: 'Hours', shortcut: 'hours', text: 'We open at 8.', updatedAt: 1 },
    [ORDER_KEY]: ['a'],
  });
}

describe('the account export, written in parts', () => {
  it('is the same text as the archive built in memory, whatever the batch size', async () => {
    await seed();
    const whole = { ...(await buildArchive({ accountIds: [IG] })), exportedAt: new Date(NOW).toISOString() };
    const expected = JSON.stringify(whole, null, 1);
    expect(whole.messages).toHaveLength(18);
    for (const batch of [1, 2, 500]) {
      const blob = await exportArchiveJson({ accountIds: [IG] }, { now: () => NOW, batch });
      expect(blob.type).toBe('application/json');
      expect(await blob.text()).toBe(expected);
    }
  });

  it('an account with nothing cached gives the same empty lists as before', async () => {
    await putAccount(account({ id: IG }));
    const whole = { ...(await buildArchive({ accountIds: [IG] })), exportedAt: new Date(NOW).toISOString() };
    expect(await (await exportArchiveJson({ accountIds: [IG] }, { now: () => NOW })).text()).toBe(JSON.stringify(whole, null, 1));
  });

  it('the CSV is the same as the one built in memory', async () => {
    await seed();
    const expected = messagesToCsv(await buildArchive({ accountIds: [IG] }));
    const blob = await exportArchiveCsv({ accountIds: [IG] }, { batch: 2 });
    expect(blob.type).toBe('text/csv');
    expect(await blob.text()).toBe(expected);
  });
});
