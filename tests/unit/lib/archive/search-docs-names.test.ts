/** Search covers names: once a contact's name arrives, a search for it finds their messages. */
import { describe, expect, it } from 'vitest';
import { reindexConversations, toSearchDoc } from '@/lib/archive/search-docs';
import { getDB } from '@/lib/db';
import { openSearchIndex } from '@/lib/search/engine';
import { conversation, message } from '../../support/factories';

describe('search and contacts’ names', () => {
  it('indexes the name a row carries, and again when it arrives later', async () => {
    const db = await getDB();
    const row = conversation({ participant: { id: 'u1', username: 'maria' } });
    const messages = [message({ id: 'm1', text: 'Where is my parcel?' }), message({ id: 'm2', text: 'Thanks!' })];
    await db.put('conversations', row);
    for (const m of messages) await db.put('messages', m);
    const index = openSearchIndex();
    await index.upsert(messages.map((m) => toSearchDoc(m, row)));
    expect(await index.query('garcia')).toEqual([]);

    const named = { ...row, participant: { ...row.participant, name: 'María García' } };
    await reindexConversations(index, [named]);
    expect((await index.query('garcia')).map((h) => h.messageId).sort()).toEqual(['m1', 'm2']);
    expect((await index.query('maria parcel')).map((h) => h.messageId)).toEqual(['m1']);
    expect(toSearchDoc(messages[0]!, named)).toMatchObject({ participantName: 'María García', participantUsername: 'maria' });
  });
});
