/**
 * A sync's new customers are announced one by one as their names arrive; a grouped notification
 * waits for every name; when the wait is over the rest is announced as it is.
 */
import { describe, expect, it } from 'vitest';
import { announceAsNamed } from '@/lib/attention/announce-named';
import type { Conversation, Message } from '@/lib/db/schema';
import { conversation, message } from '../../support/factories';

/** Conversations c0… with unnamed contacts, one customer message each, and a names feed the test drives. */
function world(n: number) {
  const rows = new Map<string, Conversation>();
  const messages: Message[] = [];
  for (let i = 0; i < n; i++) {
    rows.set(`c${i}`, conversation({ id: `c${i}`, participant: { id: `u${i}`, username: `user.u${i}` } }));
    messages.push(message({ id: `m${i}`, conversationId: `c${i}`, isOwn: false, fromId: `u${i}` }));
  }
  const cached = new Map(rows);
  const announced: Array<Array<{ id: string; name: string | null | undefined }>> = [];
  let wake: ((more: boolean) => void) | null = null;
  let pending: boolean | null = null;
  const deliver = (more: boolean) => {
    if (wake) {
      const w = wake;
      wake = null;
      w(more);
    } else pending = more;
  };
  const flush = async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
  };
  return {
    messages,
    rows,
    announced,
    /** A name is written in the cache and the waiters hear of it. */
    name: async (i: number) => {
      const c = cached.get(`c${i}`)!;
      cached.set(c.id, { ...c, participant: { ...c.participant, name: `Name ${i}` } });
      deliver(true);
      await flush();
    },
    /** The wait for names is over. */
    over: async () => {
      deliver(false);
      await flush();
    },
    flush,
    deps: {
      read: async (ids: string[]) => ids.map((id) => cached.get(id)!).filter(Boolean),
      namesChanged: () =>
        new Promise<boolean>((resolve) => {
          if (pending !== null) {
            const p = pending;
            pending = null;
            resolve(p);
          } else wake = resolve;
        }),
      announce: async (ready: Message[], rows: Map<string, Conversation>) => {
        announced.push(ready.map((m) => ({ id: m.id, name: rows.get(m.conversationId)?.participant.name })));
      },
    },
  };
}

describe('announceAsNamed', () => {
  it('announces each new customer as soon as their name is in, not after the others’', async () => {
    const w = world(2);
    const done = announceAsNamed(w.messages, w.rows, w.deps);
    await w.flush();
    expect(w.announced).toEqual([]);
    await w.name(1);
    expect(w.announced).toEqual([[{ id: 'm1', name: 'Name 1' }]]);
    await w.name(0);
    await done;
    expect(w.announced).toEqual([[{ id: 'm1', name: 'Name 1' }], [{ id: 'm0', name: 'Name 0' }]]);
  });

  it('announces rows that already have a name at once', async () => {
    const w = world(2);
    const named = w.rows.get('c0')!;
    w.rows.set('c0', { ...named, participant: { ...named.participant, name: 'Known' } });
    const done = announceAsNamed(w.messages, w.rows, w.deps);
    await w.flush();
    expect(w.announced).toEqual([[{ id: 'm0', name: 'Known' }]]);
    await w.over();
    await done;
    expect(w.announced).toEqual([[{ id: 'm0', name: 'Known' }], [{ id: 'm1', name: undefined }]]);
  });

  it('more messages than one notification each: one grouped announcement once every name is in', async () => {
    const w = world(4);
    const done = announceAsNamed(w.messages, w.rows, w.deps);
    for (const i of [0, 1, 2]) await w.name(i);
    expect(w.announced).toEqual([]);
    await w.name(3);
    await done;
    expect(w.announced).toEqual([[0, 1, 2, 3].map((i) => ({ id: `m${i}`, name: `Name ${i}` }))]);
  });

  it('when the wait is over, the rest is announced with the names that came meanwhile', async () => {
    const w = world(4);
    const done = announceAsNamed(w.messages, w.rows, w.deps);
    await w.name(2);
    await w.over();
    await done;
    expect(w.announced).toEqual([
      [
        { id: 'm0', name: undefined },
        { id: 'm1', name: undefined },
        { id: 'm2', name: 'Name 2' },
        { id: 'm3', name: undefined },
      ],
    ]);
  });
});
