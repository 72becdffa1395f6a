import { describe, expect, it } from 'vitest';
import { buildArchive } from '@/lib/archive/export';
import { importArchiveText } from '@/lib/archive/import';
import { importRepliesFromFile } from '@/lib/archive/replies-import';
import { putAccount } from '@/lib/db';
import { browserSyncArea, loadStored, ORDER_KEY } from '@/lib/saved-replies/store';
import { account } from '../../support/factories';

const IG = '17841400000000001';
const deps = () => ({ search: { upsert: async () => undefined }, notify: () => undefined, now: () => Date.UTC(2026, 10, 21) });
/** What the options page does: the background imports the file, then the page stores its saved replies. */
async function importFile(text: string) {
  const report = await importArchiveText(text, deps());
  return { ...report, ...(await importRepliesFromFile(text, browserSyncArea())) };
}

async function seedReplies(): Promise<void> {
  await browserSyncArea().set({
    'savedReply.a': { title: 'Opening hours', shortcut: 'hours', text: 'Hi {first_name}, we open at 8.', updatedAt: 1 },
    'savedReply.b': { title: 'Thanks', shortcut: 'thanks', text: 'Thank you, {first_name}!', updatedAt: 2 },
    [ORDER_KEY]: ['b', 'a'],
  });
}

describe('saved replies in the account export and import', () => {
  it('an account export carries them in order; a conversation export does not', async () => {
    await putAccount(account({ id: IG }));
    await seedReplies();
    const file = await buildArchive({ accountIds: [IG] });
    expect(file.savedReplies?.map((r) => r.shortcut)).toEqual(['thanks', 'hours']);
    expect((await buildArchive({ conversationId: 'x' })).savedReplies).toBeUndefined();
  });

  it('round trip: exported, imported into an empty browser, imported again without duplicates, and a changed one kept beside', async () => {
    await putAccount(account({ id: IG }));
    await seedReplies();
    const text = JSON.stringify(await buildArchive({ accountIds: [IG] }));
    await browserSyncArea().remove(['savedReply.a', 'savedReply.b', ORDER_KEY]);

    const first = await importFile(text);
    expect(first.savedReplies).toMatchObject({ added: 2, identical: 0, renamed: 0 });
    expect((await loadStored(browserSyncArea())).replies.map((r) => [r.shortcut, r.text])).toEqual([
      ['thanks', 'Thank you, {first_name}!'],
      ['hours', 'Hi {first_name}, we open at 8.'],
    ]);

    const again = await importFile(text);
    expect(again.savedReplies).toMatchObject({ added: 0, identical: 2 });

    const changed = JSON.parse(text) as { savedReplies: Array<{ text: string }> };
    changed.savedReplies[1]!.text = 'We open at 7 in summer.';
    const third = await importFile(JSON.stringify(changed));
    expect(third.savedReplies).toMatchObject({ added: 1, identical: 1, renamed: 1 });
    expect((await loadStored(browserSyncArea())).replies.map((r) => r.shortcut)).toEqual(['thanks', 'hours', 'hours-2']);
  });

  it('finds them under a key written with escapes (the page skips parsing only files that cannot hold them)', async () => {
    await putAccount(account({ id: IG }));
    await seedReplies();
    const text = JSON.stringify(await buildArchive({ accountIds: [IG] }));
    await browserSyncArea().remove(['savedReply.a', 'savedReply.b', ORDER_KEY]);
    const escaped = text.replace('"savedReplies"', '"saved\\u0052eplies"');
    expect(escaped).not.toContain('"savedReplies"');
    expect((await importRepliesFromFile(escaped, browserSyncArea())).savedReplies).toMatchObject({ added: 2 });
    expect(await importRepliesFromFile(JSON.stringify({ format: 'dm-desk-archive', version: 1 }), browserSyncArea())).toEqual({});
  });

  it('a file without saved replies reports none and changes none', async () => {
    await putAccount(account({ id: IG }));
    await seedReplies();
    const report = await importArchiveText(
      JSON.stringify({ format: 'dm-desk-archive', version: 1, conversations: [], messages: [] }),
      deps(),
    );
    expect(report.savedReplies).toBeUndefined();
    expect((await loadStored(browserSyncArea())).replies).toHaveLength(2);
  });
});
