// @vitest-environment node
/**
 * Unsent messages end as "Message was deleted" whichever way Meta shows the unsend: the sync
 * against the Graph API emulator, with fake-indexeddb as the cache.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConversation, listMessages, resetDBHandle } from '@/lib/db';
import { previewOf } from '@/lib/format/text';
import { GraphClient } from '@/lib/graph/client';
import { SyncService } from '@/lib/sync/service';
import { LUMEN, connectLumen, useEmulator } from '../../support/emulator';

const emulator = useEmulator();

beforeEach(async () => {
  await emulator.admin('POST', 'reset');
  globalThis.indexedDB = new IDBFactory();
  resetDBHandle();
});

async function setup(): Promise<SyncService> {
  const client = new GraphClient({ baseUrl: async () => emulator.graphBase });
  const auth = await connectLumen(emulator, client, await emulator.pageToken(LUMEN.page));
  return new SyncService({ client, auth, notify: () => undefined });
}

type Inbound = { conversation_id: string; message_id: string };
const inbound = (text: string) =>
  emulator.admin('POST', 'inbound', { account: LUMEN.username, from: { username: 'changes.mind' }, text }) as Promise<Inbound>;

describe('a customer unsends a message', () => {
  it.each(['vanish', 'deleted', 'withheld'])(
    'Meta shows it as %s: the cached message becomes "Message was deleted"',
    async (mode) => {
      const sync = await setup();
      await inbound('Hi there');
      await emulator.admin('POST', 'advance', { ms: 2000 });
      const secret = await inbound('my password is hunter2');
      await sync.syncAccount(LUMEN.ig);
      const before = (await listMessages(secret.conversation_id)).find((m) => m.id === secret.message_id);
      expect(before?.text).toBe('my password is hunter2');

      await emulator.admin('POST', 'unsend', { message_id: secret.message_id, mode });
      await sync.syncAccount(LUMEN.ig);

      const after = (await listMessages(secret.conversation_id)).find((m) => m.id === secret.message_id);
      expect(after).toMatchObject({ kind: 'deleted', text: '', attachments: [], createdTime: before?.createdTime });
      expect((await listMessages(secret.conversation_id)).find((m) => m.text === 'Hi there')).toBeDefined();
      expect(previewOf((await getConversation(secret.conversation_id))!.lastMessage)).toBe('Message was deleted');
      // Two syncs of a 64-conversation account at Meta's 2 calls/s: slower than the default on a busy machine.
    },
    30_000,
  );
});
