import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { ConversationDesk, Label } from '@/lib/db/schema';
import { emptyDesk } from '@/lib/desk/changes';
import { DeskError } from '@/lib/errors';
import type { Notice } from '@/lib/messaging/protocol';
import { createLabelsModel, labelsReadFailed, nextLabelColor, pruneLabelFilter, type LabelsDeps } from '@/lib/models/labels';

const label = (over: Partial<Label> = {}): Label => ({ id: 'l1', name: 'Refunds', color: 'red', order: 0, createdAt: 0, ...over });

/** A background that keeps labels in memory, answers like the real one and announces changes. */
function world(initial: Label[] = [], desk: ConversationDesk[] = []) {
  let labels = [...initial];
  const listeners = new Set<(n: Notice) => void>();
  const requests: Array<{ name: string; payload: unknown }> = [];
  let refuse: DeskError | null = null;
  let failRead = false;
  const deps: LabelsDeps = {
    listLabels: async () => {
      if (failRead) throw new Error('read failed');
      return [...labels].sort((a, b) => a.order - b.order);
    },
    onNotice: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getAllDeskStates: async () => desk,
    request: (async (name: string, payload: { id?: string; name: string; color: Label['color']; order?: number }) => {
      requests.push({ name, payload });
      if (refuse) throw refuse;
      if (name === 'deleteLabel') labels = labels.filter((l) => l.id !== payload.id);
      else {
        const existing = labels.find((l) => l.id === payload.id);
        const saved = label({
          ...existing,
          id: payload.id ?? `new${labels.length}`,
          name: payload.name,
          color: payload.color,
          order: existing?.order ?? labels.length,
        });
        labels = existing ? labels.map((l) => (l.id === saved.id ? saved : l)) : [...labels, saved];
        return saved;
      }
      return null;
    }) as LabelsDeps['request'],
  };
  return {
    deps,
    requests,
    set: (next: Label[]) => (labels = next),
    refuse: (e: DeskError | null) => (refuse = e),
    failRead: (on: boolean) => (failRead = on),
    notify: (n: Notice) => listeners.forEach((l) => l(n)),
    listeners,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('labels model', () => {
  it('reads the labels and reads again when the background says they changed', async () => {
    const w = world([label()]);
    const model = createLabelsModel(w.deps);
    await model.ready;
    expect(model.labels.value?.map((l) => l.name)).toEqual(['Refunds']);
    expect(model.byId.value.get('l1')?.name).toBe('Refunds');
    w.set([label(), label({ id: 'l2', name: 'VIP', order: 1 })]);
    w.notify({ type: 'labels-changed' });
    await settle();
    expect(model.labels.value?.map((l) => l.name)).toEqual(['Refunds', 'VIP']);
    model.dispose();
    expect(w.listeners.size).toBe(0);
  });

  it('counts the conversations carrying each label', async () => {
    const desk = [
      { ...emptyDesk('ig1', 'c1', 0), labelIds: ['l1', 'l2'] },
      { ...emptyDesk('ig2', 'c2', 0), labelIds: ['l1'] },
    ];
    const model = createLabelsModel(world([label()], desk).deps);
    await model.ready;
    expect(model.conversationLabels.value).toEqual(
      new Map([
        ['c1', ['l1', 'l2']],
        ['c2', ['l1']],
      ]),
    );
    expect(model.usage.value).toEqual(
      new Map([
        ['l1', 2],
        ['l2', 1],
      ]),
    );
  });

  it('says so when the labels cannot be read', async () => {
    const w = world();
    w.failRead(true);
    const model = createLabelsModel(w.deps);
    await model.ready;
    expect(model.error.value).toBe(labelsReadFailed());
    w.failRead(false);
    await model.load();
    expect(model.error.value).toBeNull();
  });

  it('creates a label in the next free colour, renames, recolours and moves through the background', async () => {
    const w = world([label({ color: 'red' })]);
    const model = createLabelsModel(w.deps);
    await model.ready;
    const made = await model.create('VIP');
    expect(made).toMatchObject({ ok: true, label: { name: 'VIP', color: 'orange' } });
    await model.rename(model.labels.value![0]!, 'Money back');
    await model.recolor(model.labels.value![0]!, 'teal');
    await model.move(model.labels.value![0]!, 5);
    expect(w.requests.map((r) => r.payload)).toEqual([
      { name: 'VIP', color: 'orange' },
      { id: 'l1', name: 'Money back', color: 'red' },
      { id: 'l1', name: 'Money back', color: 'teal' },
      // A move past the end stops at the last place.
      { id: 'l1', name: 'Money back', color: 'teal', order: 1 },
    ]);
  });

  it('answers the reason of a refusal in words and deletes through the background', async () => {
    const w = world([label()]);
    const model = createLabelsModel(w.deps);
    await model.ready;
    w.refuse(new DeskError('invalid-request', 'There is already a label called “Refunds”.'));
    expect(await model.create('refunds')).toEqual({ ok: false, message: 'There is already a label called “Refunds”.' });
    expect(await model.remove(label())).toBe('There is already a label called “Refunds”.');
    w.refuse(null);
    expect(await model.remove(label())).toBeNull();
    expect(model.labels.value).toEqual([]);
  });

  it('picks colours no label uses first', () => {
    expect(nextLabelColor([])).toBe('red');
    expect(nextLabelColor([label({ color: 'red' }), label({ color: 'yellow' })])).toBe('orange');
  });
});

describe('labels on conversations', () => {
  it('puts a label on and takes it off through updateDesk, and says why when refused', async () => {
    const w = world([label()]);
    const model = createLabelsModel(w.deps);
    await model.ready;
    expect(await model.assign('ig1', ['c1'], 'l1', true)).toBeNull();
    expect(await model.assign('ig1', ['c1'], 'l1', false)).toBeNull();
    expect(w.requests.map((r) => r.payload)).toEqual([
      { accountId: 'ig1', conversationIds: ['c1'], change: { kind: 'labels', add: ['l1'] } },
      { accountId: 'ig1', conversationIds: ['c1'], change: { kind: 'labels', remove: ['l1'] } },
    ]);
    w.refuse(new DeskError('invalid-request', 'That label no longer exists.'));
    expect(await model.assign('ig1', ['c1'], 'l1', true)).toBe('That label no longer exists.');
  });
});

describe('pruneLabelFilter', () => {
  it('drops a deleted label from the list filter, and only once the labels are known', () => {
    const labels = signal<Label[] | null>(null);
    const filter = signal<ReadonlySet<string>>(new Set(['l1', 'l2']));
    const list = signal({ labelFilter: filter, setLabelFilter: (ids: Iterable<string>) => (filter.value = new Set(ids)) });
    const stop = pruneLabelFilter({ labels }, list);
    expect([...filter.value]).toEqual(['l1', 'l2']);
    labels.value = [label({ id: 'l1' }), label({ id: 'l2' })];
    expect([...filter.value]).toEqual(['l1', 'l2']);
    labels.value = [label({ id: 'l1' })];
    expect([...filter.value]).toEqual(['l1']);
    stop();
  });
});
