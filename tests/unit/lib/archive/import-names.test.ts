/** Importing an archive into a cache keeps the contacts' names read from the User Profile API. */
import { describe, expect, it } from 'vitest';
import { importArchiveData } from '@/lib/archive/import';
import { getConversation, getDB, putAccount } from '@/lib/db';
import { account, conversation, message } from '../../support/factories';

const NOW = Date.UTC(2026, 10, 21, 12);
const IG = '17841400000000001';
const CONTACTS = ['5000000000000001', '5000000000000002'];
const CONVS = ['aWdfZAG06MTpJR01lc3NhZA1', 'aWdfZAG06MTpJR01lc3NhZA2'];

describe('archive import and names', () => {
  it('keeps the stored contact’s name (and a withheld one) when the file names the same contact', async () => {
    await putAccount(account({ id: IG, connectedAt: NOW - 10_000_000 }));
    const db = await getDB();
    const names = ['Maria Lopez', null];
    for (const [i, id] of CONVS.entries()) {
      await db.put(
        'conversations',
        conversation({
          id,
          accountId: IG,
          updatedTime: NOW - 3_600_000,
          participant: { id: CONTACTS[i] ?? '', username: `user${i}`, name: names[i] },
        }),
      );
    }
    const { report } = await importArchiveData(
      {
        format: 'dm-desk-archive',
        version: 1,
        exportedAt: new Date(NOW).toISOString(),
        accounts: [{ id: IG, pageId: '1', pageName: 'Lumen', username: 'lumencoffee', name: 'Lumen', connectedAt: 0 }],
        conversations: CONVS.map((id, i) => ({
          ...conversation({ id, accountId: IG, updatedTime: NOW - 60_000 }),
          participant: { id: CONTACTS[i], username: `user${i}` },
        })),
        // A newer message in each makes the import rewrite both rows.
        messages: CONVS.map((id, i) => ({
          ...message({ id: `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj${i}`, conversationId: id, accountId: IG, fromId: CONTACTS[i] ?? null }),
          createdTime: NOW - 60_000,
        })),
      },
      NOW,
    );
    expect(report).toMatchObject({ conversations: 2 });
    expect((await getConversation(CONVS[0] ?? ''))?.participant).toEqual({ id: CONTACTS[0], username: 'user0', name: 'Maria Lopez' });
    expect((await getConversation(CONVS[1] ?? ''))?.participant).toEqual({ id: CONTACTS[1], username: 'user1', name: null });
  });
});
