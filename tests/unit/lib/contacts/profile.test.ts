import { describe, expect, it } from 'vitest';
import type { AuthService } from '@/lib/auth/service';
import { ProfileService } from '@/lib/contacts/profile';
import { deleteAccountData, getConversation, getDB, getProfile, putAccount } from '@/lib/db';
import type { GraphClient } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/errors';
import { readDiagnostics } from '@/lib/diagnostics';
import { account, conversation } from '../../support/factories';

const GRAPH_PROFILE = {
  id: 'u1',
  name: 'Maria Lopez',
  username: 'maria',
  profile_pic: 'https://cdn.example/p.jpg',
  follower_count: 12,
  is_verified_user: false,
  is_user_follow_business: true,
  is_business_follow_user: false,
};

/** A Graph client whose one answer is `answer` (run while the request is "in flight"). */
function fakeClient(answer: () => Promise<unknown>): GraphClient {
  return { request: answer } as unknown as GraphClient;
}

const auth = {
  withPageToken: <T>(_id: string, call: (page: { pageId: string; token: string }) => Promise<T>) => call({ pageId: 'p1', token: 't' }),
} as unknown as AuthService;

async function seed(): Promise<void> {
  await putAccount(account());
  await (await getDB()).put('conversations', conversation());
}

describe('ProfileService', () => {
  it('stores the fetched profile of a connected account', async () => {
    await seed();
    const service = new ProfileService({ client: fakeClient(async () => GRAPH_PROFILE), auth, now: () => 5_000 });
    const profile = await service.load({ accountId: 'ig1', conversationId: 'c1' });
    expect(profile).toMatchObject({ name: 'Maria Lopez', pictureUrl: 'https://cdn.example/p.jpg', status: 'ok' });
    expect(await getProfile('u1')).toMatchObject({ name: 'Maria Lopez', accountId: 'ig1' });
  });

  it('writes nothing back when the account is disconnected while Meta answers', async () => {
    await seed();
    const service = new ProfileService({
      client: fakeClient(async () => {
        await deleteAccountData('ig1');
        return GRAPH_PROFILE;
      }),
      auth,
    });
    await expect(service.load({ accountId: 'ig1', conversationId: 'c1' })).rejects.toMatchObject({ kind: 'not-found' });
    expect(await getProfile('u1')).toBeUndefined();
  });

  it('shows the cached profile when a refresh fails, and logs why', async () => {
    await seed();
    let fail = false;
    const service = new ProfileService({
      client: fakeClient(async () => {
        if (fail) throw new GraphError({ kind: 'transient', message: 'x', code: 2 });
        return GRAPH_PROFILE;
      }),
      auth,
    });
    await service.load({ accountId: 'ig1', conversationId: 'c1' });
    fail = true;
    expect(await service.load({ accountId: 'ig1', conversationId: 'c1', refresh: true })).toMatchObject({ name: 'Maria Lopez' });
    expect((await readDiagnostics()).at(-1)).toMatchObject({ area: 'contacts', error: 'GraphError transient, code 2' });
  });

  it('puts the name on the conversation row and announces it', async () => {
    await seed();
    const announced: string[] = [];
    const service = new ProfileService({
      client: fakeClient(async () => GRAPH_PROFILE),
      auth,
      onNamesChanged: async (_accountId, rows) => {
        announced.push(...rows.map((r) => r.id));
      },
    });
    await service.load({ accountId: 'ig1', conversationId: 'c1' });
    expect((await getConversation('c1'))?.participant).toEqual({ id: 'u1', username: 'maria', name: 'Maria Lopez' });
    expect(announced).toEqual(['c1']);
    // The same answer again changes nothing and announces nothing.
    await service.load({ accountId: 'ig1', conversationId: 'c1', refresh: true });
    expect(announced).toEqual(['c1']);
  });

  it('falls back to the conversation for consent (230) and no match (9010), and caches that for a day', async () => {
    for (const [code, status] of [
      [230, 'consent-required'],
      [9010, 'unavailable'],
    ] as const) {
      await seed();
      await (await getDB()).delete('profiles', 'u1');
      let calls = 0;
      const service = new ProfileService({
        client: fakeClient(async () => {
          calls += 1;
          throw new GraphError({ kind: code === 230 ? 'permission' : 'unknown', message: 'x', code });
        }),
        auth,
        now: () => 5_000,
      });
      expect(await service.load({ accountId: 'ig1', conversationId: 'c1' })).toMatchObject({ status, name: null, username: 'maria' });
      expect((await getConversation('c1'))?.participant.name).toBeNull();
      await service.load({ accountId: 'ig1', conversationId: 'c1' });
      expect(calls).toBe(1);
    }
  });

  it('shows a picture the list’s name read brought, without asking Meta again', async () => {
    await seed();
    let calls = 0;
    const service = new ProfileService({
      client: fakeClient(async () => {
        calls += 1;
        return GRAPH_PROFILE;
      }),
      auth,
      now: () => 5_000,
    });
    await service.load({ accountId: 'ig1', conversationId: 'c1' });
    service.rememberPicture('u1', 'https://cdn.example/new.jpg', 5_000);
    expect(await service.load({ accountId: 'ig1', conversationId: 'c1' })).toMatchObject({ pictureUrl: 'https://cdn.example/new.jpg' });
    expect(calls).toBe(1);
  });
});
