import { describe, expect, it } from 'vitest';
import { archiveSizes, buildArchive, messagesToCsv } from '@/lib/archive/export';
import { importArchiveData } from '@/lib/archive/import';
import { getDB, listMessages, putAccount, resetDBHandle } from '@/lib/db';
import { IDBFactory } from 'fake-indexeddb';
import { account, conversation, message } from '../../support/factories';

async function seed(): Promise<void> {
  const db = await getDB();
  await putAccount(account());
  await db.put('conversations', conversation({ id: 'c1', lastInboundTime: 20 }));
  await db.put('messages', message({ id: 'm1', createdTime: 10, text: '=SUM(A1) "quoted", line\nbreak' }));
  await db.put('messages', message({ id: 'm2', createdTime: 20, text: 'Merci ☕' }));
}

const IG = '17841400000000001';
const CUSTOMER = '5000000000000001';
const T = Date.UTC(2026, 10, 21, 10);

/** Data as the sync stores it: Meta's id shapes and real times. */
async function seedReal(): Promise<void> {
  const db = await getDB();
  await putAccount(account({ id: IG }));
  await db.put(
    'conversations',
    conversation({
      id: 'aWdfZAG06MTpJR01lc3NhZA1',
      accountId: IG,
      participant: { id: CUSTOMER, username: 'maria' },
      updatedTime: T + 60_000,
    }),
  );
  const common = { conversationId: 'aWdfZAG06MTpJR01lc3NhZA1', accountId: IG };
  await db.put(
    'messages',
    message({ ...common, id: 'aWdfZAG1faXRlbTox1', createdTime: T, fromId: CUSTOMER, text: '=SUM(A1) "quoted", line\nbreak' }),
  );
  await db.put(
    'messages',
    message({ ...common, id: 'aWdfZAG1faXRlbTox2', createdTime: T + 60_000, fromId: IG, isOwn: true, text: 'Merci ☕', sentVia: 'dmdesk' }),
  );
}

describe('archive export and import', () => {
  it('exports a conversation that imports back into an empty browser where its account is connected', async () => {
    await seedReal();
    const before = await (await getDB()).getAll('messages');
    const archive = JSON.parse(JSON.stringify(await buildArchive({ conversationId: 'aWdfZAG06MTpJR01lc3NhZA1' }))) as unknown;
    globalThis.indexedDB = new IDBFactory();
    resetDBHandle();
    await putAccount(account({ id: IG }));
    const { report } = await importArchiveData(archive, T + 3_600_000);
    expect(report).toMatchObject({ conversations: 1, messages: 2, skippedMessages: {}, repaired: {} });
    expect(await listMessages('aWdfZAG06MTpJR01lc3NhZA1')).toEqual(before);
    expect(await (await getDB()).get('conversations', 'aWdfZAG06MTpJR01lc3NhZA1')).toMatchObject({
      participant: { id: CUSTOMER, username: 'maria' },
      lastInboundTime: T,
      lastReplyTime: T + 60_000,
    });
  });

  it('imports twice without duplicating anything', async () => {
    await seedReal();
    const archive = JSON.parse(JSON.stringify(await buildArchive({ accountIds: [IG] }))) as unknown;
    const { report } = await importArchiveData(archive, T + 3_600_000);
    expect(report).toMatchObject({ conversations: 0, messages: 0, kept: 2 });
    expect(await listMessages('aWdfZAG06MTpJR01lc3NhZA1')).toHaveLength(2);
    expect((await archiveSizes()).get(IG)?.messages).toBe(2);
  });

  it('writes CSV that spreadsheets read as text', async () => {
    await seed();
    const csv = messagesToCsv(await buildArchive({ accountIds: ['ig1'] }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('account,conversation_id,participant,participant_id,time,from,kind,text,message_id');
    expect(csv).toContain(`"'=SUM(A1) ""quoted"", line\nbreak"`);
    expect(csv).toContain('"1970-01-01T00:00:00.010Z"');
  });
});
