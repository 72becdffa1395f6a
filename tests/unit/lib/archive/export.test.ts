import { describe, expect, it } from 'vitest';
import { ArchiveFormatError, archiveSizes, buildArchive, importArchive, messagesToCsv, readArchive } from '@/lib/archive/export';
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

describe('archive export and import', () => {
  it('exports a conversation and imports it into an empty browser', async () => {
    await seed();
    const archive = JSON.parse(JSON.stringify(await buildArchive({ conversationId: 'c1' }))) as unknown;
    globalThis.indexedDB = new IDBFactory();
    resetDBHandle();
    const result = await importArchive(readArchive(archive));
    expect(result).toMatchObject({ conversations: 1, messages: 2 });
    expect((await listMessages('c1')).map((m) => m.text)).toEqual(['=SUM(A1) "quoted", line\nbreak', 'Merci ☕']);
    // An account that is not connected here shows up as "Reconnect" with its archive.
    expect((await (await getDB()).get('accounts', 'ig1'))?.status).toBe('reconnect');
  });

  it('imports twice without duplicating anything', async () => {
    await seed();
    const archive = readArchive(JSON.parse(JSON.stringify(await buildArchive({ accountIds: ['ig1'] }))) as unknown);
    expect((await importArchive(archive)).messages).toBe(0);
    expect(await listMessages('c1')).toHaveLength(2);
    expect((await archiveSizes()).get('ig1')?.messages).toBe(2);
  });

  it('writes CSV that spreadsheets read as text', async () => {
    await seed();
    const csv = messagesToCsv(await buildArchive({ accountIds: ['ig1'] }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('account,conversation_id,participant,participant_id,time,from,kind,text,message_id');
    expect(csv).toContain(`"'=SUM(A1) ""quoted"", line\nbreak"`);
    expect(csv).toContain('"1970-01-01T00:00:00.010Z"');
  });

  it('refuses files that are not archives, and skips malformed records', () => {
    expect(() => readArchive({ hello: 1 })).toThrow(ArchiveFormatError);
    expect(() => readArchive({ format: 'dm-desk-archive', version: 99 })).toThrow(/newer DM Desk/);
    const parsed = readArchive({
      format: 'dm-desk-archive',
      version: 1,
      accounts: [{ id: 'ig1', username: 'x' }, { nope: true }],
      conversations: [conversation(), { id: 5 }],
      messages: [message(), message({ id: 'orphan', conversationId: 'missing' }), { id: 'bad' }],
    });
    expect(parsed.accounts).toHaveLength(1);
    expect(parsed.conversations).toHaveLength(1);
    expect(parsed.messages.map((m) => m.id)).toEqual(['m1']);
  });
});
