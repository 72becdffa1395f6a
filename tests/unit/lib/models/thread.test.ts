import { describe, expect, it } from 'vitest';
import type { ContactProfile } from '@/lib/contacts/profile';
import { betweenPages, QUIET_MS } from '@/lib/db/foreground';
import type { Message } from '@/lib/db/schema';
import { DeskError } from '@/lib/errors';
import type { RequestName } from '@/lib/messaging/protocol';
import { createThreadModel, type ThreadDeps } from '@/lib/models/thread';
import { THREAD_PAGE, THREAD_WINDOW } from '@/lib/models/thread-window';
import { account, message } from '../../support/factories';
import { fakeInboxDeps, type FakeWorld } from '../../support/inbox-deps';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A thread of conversation c1 with `count` messages, m0 (the oldest) to m{count - 1}. */
function threadOf(count: number, init: Partial<FakeWorld> = {}) {
  const many = Array.from({ length: count }, (_, i) => message({ id: `m${i}`, createdTime: 1000 + i }));
  const { deps, world } = fakeInboxDeps({ accounts: [account()], messages: { c1: many }, ...init });
  const thread = (focus?: { messageId: string; createdTime: number }) =>
    createThreadModel(deps, { account: account(), conversationId: 'c1', focus });
  return { deps, world, many, thread };
}

/**
 * 40 messages of distinct seconds, a run of `run` messages in one second (Instagram's times have
 * whole seconds), then 30 more; read as the database reads them: by [time, id], a page back
 * holding every message of its oldest time.
 */
function threadWithRun(run: number) {
  const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(3, '0')}`;
  const many = [
    ...Array.from({ length: 40 }, (_, i) => message({ id: id('a', i), createdTime: 1000 + i })),
    ...Array.from({ length: run }, (_, i) => message({ id: id('b', i), createdTime: 2000 })),
    ...Array.from({ length: 30 }, (_, i) => message({ id: id('c', i), createdTime: 3000 + i })),
  ];
  const { deps } = fakeInboxDeps({ accounts: [account()], messages: { c1: many } });
  const byTime = (x: Message, y: Message) => x.createdTime - y.createdTime || (x.id < y.id ? -1 : 1);
  deps.listMessagesSince = async (_id, since, limit) =>
    many
      .filter((m) => m.createdTime >= since)
      .sort(byTime)
      .slice(0, limit);
  deps.listMessagesPage = async (_id, { before, limit }) => {
    const sorted = many.filter((m) => before === undefined || m.createdTime <= before).sort((x, y) => byTime(y, x));
    const edge = sorted[limit - 1];
    return edge ? sorted.filter((m) => m.createdTime >= edge.createdTime) : sorted;
  };
  const thread = (focus?: { messageId: string; createdTime: number }) =>
    createThreadModel(deps, { account: account(), conversationId: 'c1', focus });
  return { many, thread };
}

/** Holds every answer to `name` until released (to answer after the thread closed). */
function holdRequests(deps: ThreadDeps, name: RequestName) {
  const held: Array<() => void> = [];
  const request = deps.request;
  deps.request = ((n, payload) => {
    const answer = request(n, payload);
    if (n !== name) return answer;
    return new Promise((resolve, reject) => held.push(() => void answer.then(resolve, reject)));
  }) as ThreadDeps['request'];
  return { release: () => held.splice(0).forEach((r) => r()) };
}

describe('ThreadModel', () => {
  it('loads a long thread page by page, newest first, and knows where the archive begins', async () => {
    const { thread } = threadOf(130);
    const t = thread();
    expect(await t.load()).toBe(true);
    expect(t.messages.value).toHaveLength(60);
    expect(t.messages.value?.at(-1)?.id).toBe('m129');
    expect(t.hasOlder.value).toBe(true);
    await t.loadOlder();
    await t.loadOlder();
    expect(t.messages.value).toHaveLength(130);
    expect(t.messages.value?.[0]?.id).toBe('m0');
    expect(new Set(t.messages.value?.map((m) => m.id)).size).toBe(130);
    expect(t.hasOlder.value).toBe(false);
  });

  it('makes the page’s background reads wait while a page of the thread is read', async () => {
    const { deps, thread } = threadOf(130);
    const t = thread();
    await t.load();
    let release = () => {};
    const read = deps.listMessagesPage;
    deps.listMessagesPage = (id, opts) => new Promise((resolve) => (release = () => void read(id, opts).then(resolve)));
    const older = t.loadOlder();
    await tick();
    let paused = true;
    const pause = betweenPages().then(() => (paused = false));
    await new Promise((r) => setTimeout(r, QUIET_MS + 50));
    expect(paused).toBe(true);
    release();
    await Promise.all([older, pause]);
    expect(paused).toBe(false);
    expect(t.messages.value).toHaveLength(120);
  });

  it('pages back through messages of one second across page edges without losing or repeating one', async () => {
    // A run of 100 messages in one second: longer than a page.
    const { many, thread } = threadWithRun(100);
    const t = thread();
    await t.load();
    for (let guard = 0; guard < 10 && t.hasOlder.value; guard++) await t.loadOlder();
    const ids = t.messages.value?.map((m) => m.id) ?? [];
    expect(ids).toHaveLength(many.length);
    expect(new Set(ids).size).toBe(many.length);
    expect(ids).toEqual(many.map((m) => m.id));
    expect(t.hasOlder.value).toBe(false);
  });

  it('pages forward through messages of one second across page edges without losing or repeating one', async () => {
    // From far back (a search hit), down through a run of 150 messages in one second (longer than
    // two pages), to the newest.
    const { many, thread } = threadWithRun(150);
    const t = thread({ messageId: 'a000', createdTime: 1000 });
    await t.load();
    const ids = () => t.messages.value?.map((m) => m.id) ?? [];
    const seen: string[] = [...ids()];
    for (let guard = 0; guard < 20 && t.hasNewer.value; guard++) {
      const last = ids().at(-1);
      await t.loadNewer();
      // The window is always a stretch of the history, in order.
      const start = many.findIndex((m) => m.id === ids()[0]);
      expect(ids()).toEqual(many.slice(start, start + ids().length).map((m) => m.id));
      seen.push(...ids().slice(ids().indexOf(last!) + 1));
    }
    expect(seen).toEqual(many.map((m) => m.id));
    expect(ids().at(-1)).toBe('c029');
    expect(t.hasNewer.value).toBe(false);
  });

  it('keeps a bounded window while scrolling through a long thread, and comes back to the newest', async () => {
    const { thread, world, many } = threadOf(1000);
    const t = thread();
    await t.load();
    const ids = () => t.messages.value?.map((m) => m.id) ?? [];
    // Scroll all the way up: never more than the window, every message seen once, in order.
    const seen: string[] = [...ids()].reverse();
    while (t.hasOlder.value) {
      const first = ids()[0];
      await t.loadOlder();
      expect(ids().length).toBeLessThanOrEqual(THREAD_WINDOW);
      const index = ids().indexOf(first!);
      seen.push(...ids().slice(0, index).reverse());
    }
    expect(ids()[0]).toBe('m0');
    expect(seen).toEqual(many.map((m) => m.id).reverse());
    expect(t.hasNewer.value).toBe(true);

    // A new message arriving meanwhile does not move the window far back in history.
    world.messages['c1'] = [...many, message({ id: 'fresh', createdTime: 5000 })];
    t.onNotice({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c1'] });
    await tick();
    expect(ids()[0]).toBe('m0');

    // And back down page by page, to the present.
    while (t.hasNewer.value) {
      await t.loadNewer();
      expect(ids().length).toBeLessThanOrEqual(THREAD_WINDOW);
    }
    expect(ids().at(-1)).toBe('fresh');
    expect(t.hasOlder.value).toBe(true);
    expect(new Set(ids()).size).toBe(ids().length);

    await t.loadOlder();
    await t.loadOlder();
    expect(t.hasNewer.value).toBe(true);
    await t.jumpToNewest();
    expect(ids().at(-1)).toBe('fresh');
    expect(ids()).toHaveLength(THREAD_PAGE);
    expect(t.hasNewer.value).toBe(false);
  });

  it('opens a search hit with the messages around it, and scrolls to it once', async () => {
    const { thread } = threadOf(130);
    const t = thread({ messageId: 'm5', createdTime: 1005 });
    await t.load();
    expect(t.messages.value?.[0]?.id).toBe('m0');
    expect(t.messages.value?.some((m) => m.id === 'm5')).toBe(true);
    expect(t.focusMessageId.value).toBe('m5');
    t.consumeFocus();
    expect(t.focusMessageId.value).toBeNull();
  });

  it('sending from far back in history brings the thread back to the newest messages', async () => {
    const { thread } = threadOf(400);
    const t = thread({ messageId: 'm3', createdTime: 1003 });
    await t.load();
    expect(t.hasNewer.value).toBe(true);
    t.setDraft('Found it — here is your answer');
    expect(await t.send()).toBe(true);
    expect(t.hasNewer.value).toBe(false);
    expect(t.messages.value?.at(-1)?.id).toBe('m399');
  });

  it('keeps the text in the box when the reply cannot even be queued', async () => {
    const { thread, world } = threadOf(1);
    const t = thread();
    await t.load();
    t.setDraft('Your order ships today');
    world.failNext.send = new DeskError('invalid-request', 'Instagram accepts at most 1000 bytes per message.');
    expect(await t.send()).toBe(false);
    expect(t.draft.value).toBe('Your order ships today');
    expect(t.sendError.value).toBe('Not sent. Instagram accepts at most 1000 bytes per message.');
  });

  it('empties the box once the reply is queued, and forgets the draft', async () => {
    const { thread, world } = threadOf(1);
    const t = thread();
    await t.load();
    t.setDraft('hi');
    await new Promise((r) => setTimeout(r, 5));
    expect(world.drafts.map((d) => d.text)).toEqual(['hi']);
    expect(await t.send()).toBe(true);
    expect(t.draft.value).toBe('');
    expect(world.drafts).toEqual([]);
    expect(world.requests.at(-1)).toEqual({ name: 'send', payload: { accountId: 'ig1', conversationId: 'c1', text: 'hi', uploadIds: [] } });
  });

  it('a queued reply is not called "Not sent" when its draft cannot be cleared afterwards', async () => {
    const { deps, thread } = threadOf(1);
    const t = thread();
    await t.load();
    t.setDraft('hi');
    deps.saveDraft = () => Promise.reject(new Error('storage full'));
    expect(await t.send()).toBe(true);
    expect(t.sendError.value).toBeNull();
    expect(t.draft.value).toBe('');
  });

  it('restores the draft, and saves what is typed when the thread closes before the pause', async () => {
    const { deps, world, thread } = threadOf(1);
    world.drafts = [{ conversationId: 'c1', accountId: 'ig1', text: 'half-written', updatedAt: 0 }];
    const first = thread();
    await first.load();
    expect(first.draft.value).toBe('half-written');
    deps.draftDelayMs = 60_000;
    first.setDraft('half-written, now finished');
    expect(world.drafts[0]?.text).toBe('half-written');
    first.dispose();
    await tick();
    expect(world.drafts[0]?.text).toBe('half-written, now finished');
  });

  it('a read answering after the thread closed changes nothing', async () => {
    const { deps, thread } = threadOf(130);
    const pages: Array<() => void> = [];
    const read = deps.listMessagesPage;
    deps.listMessagesPage = (id, opts) => new Promise<Message[]>((resolve) => pages.push(() => void read(id, opts).then(resolve)));
    const t = thread();
    const loading = t.load();
    t.dispose();
    pages.forEach((p) => p());
    expect(await loading).toBe(false);
    expect(t.messages.value).toBeNull();
    expect(t.draft.value).toBe('');
  });

  it('a refused reaction or a profile answering after the thread closed changes nothing', async () => {
    const { deps, world, thread } = threadOf(3);
    const t = thread();
    await t.load();
    const reactions = holdRequests(deps, 'react');
    world.failNext.react = new DeskError('failed', 'Instagram refused the reaction.');
    const reacting = t.react('m2', '❤️');
    expect(t.messages.value?.find((m) => m.id === 'm2')?.reactions).toHaveLength(1);
    t.dispose();
    reactions.release();
    await reacting;
    // No rollback and no error lands on a closed thread.
    expect(t.actionError.value).toBeNull();
    expect(t.messages.value?.find((m) => m.id === 'm2')?.reactions).toHaveLength(1);

    const other = thread();
    await other.load();
    const profiles = holdRequests(deps, 'profile');
    const showing = other.showProfile();
    other.dispose();
    profiles.release();
    await showing;
    expect(other.profile.value).toBeNull();
  });

  it('takes a reaction back and says why when Instagram refuses it', async () => {
    const { world, thread } = threadOf(3);
    const t = thread();
    await t.load();
    world.failNext.react = new DeskError('failed', 'Instagram refused the reaction.');
    await t.react('m2', '❤️');
    expect(t.messages.value?.find((m) => m.id === 'm2')?.reactions).toEqual([]);
    expect(t.actionError.value).toBe('Instagram refused the reaction.');
  });

  it('reads the contact’s details once, and again on refresh', async () => {
    const { deps, world, thread } = threadOf(1);
    const profile = { pictureUrl: null } as unknown as ContactProfile;
    const request = deps.request;
    deps.request = (async (name, payload) =>
      name === 'profile' ? (world.requests.push({ name, payload }), profile) : request(name, payload)) as ThreadDeps['request'];
    const t = thread();
    await t.load();
    await t.showProfile();
    await t.showProfile();
    expect(t.profile.value).toBe(profile);
    await t.refreshProfile();
    expect(world.requests.filter((r) => r.name === 'profile').map((r) => r.payload)).toEqual([
      { accountId: 'ig1', conversationId: 'c1', refresh: false },
      { accountId: 'ig1', conversationId: 'c1', refresh: true },
    ]);
  });

  it('marks the thread read when it opens and when new messages arrive in it, not for others', async () => {
    const { world, thread } = threadOf(1);
    const t = thread();
    await t.load();
    const marks = () => world.requests.filter((r) => r.name === 'markOpened').length;
    expect(marks()).toBe(1);
    t.onNotice({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c2'] });
    t.onNotice({ type: 'conversations-changed', accountId: 'ig2', conversationIds: ['c1'] });
    expect(marks()).toBe(1);
    t.onNotice({ type: 'conversations-changed', accountId: 'ig1', conversationIds: ['c1'] });
    expect(marks()).toBe(2);
  });

  it('exposes read-only signals: a component cannot assign them', async () => {
    const { thread } = threadOf(1);
    const t = thread({ messageId: 'm0', createdTime: 1000 });
    await t.load();
    // @ts-expect-error focusMessageId is read-only: the thread consumes it through consumeFocus().
    t.focusMessageId.value = null;
    // @ts-expect-error the draft changes through setDraft() (which also saves it).
    t.draft.value = 'typed';
  });
});
