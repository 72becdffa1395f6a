import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Label } from '@/lib/db/schema';
import { createLabelPickerModel } from '@/lib/models/label-picker';
import type { LabelResult } from '@/lib/models/labels';

const label = (id: string, name: string, order = 0): Label => ({ id, name, color: 'blue', order, createdAt: 0 });

function setup(assignedIds: string[] = []) {
  const labels = signal<Label[] | null>([label('a', 'Refunds'), label('b', 'Wholesale', 1), label('c', 'VIP', 2)]);
  const assigned = signal<readonly string[]>(assignedIds);
  const calls: Array<[string, boolean]> = [];
  let refuse: string | null = null;
  let createResult: LabelResult | null = null;
  const model = createLabelPickerModel({
    labels,
    assigned,
    setAssigned: async (id, on) => {
      calls.push([id, on]);
      return refuse;
    },
    create: async (name) => {
      const result = createResult ?? { ok: true, label: label('new', name, 3) };
      if (result.ok) labels.value = [...(labels.value ?? []), result.label];
      return result;
    },
  });
  return {
    model,
    calls,
    assigned,
    refuse: (r: string | null) => (refuse = r),
    createAs: (r: LabelResult) => (createResult = r),
  };
}

const names = (m: ReturnType<typeof setup>['model']) =>
  m.options.value.map((o) => (o.kind === 'label' ? `${o.checked ? '[x]' : '[ ]'} ${o.label.name}` : `+ ${o.name}`));

describe('label picker', () => {
  it('lists every label with a tick for the ones on the conversation, and filters as one types', () => {
    const { model } = setup(['b']);
    expect(names(model)).toEqual(['[ ] Refunds', '[x] Wholesale', '[ ] VIP']);
    model.setQuery('ale');
    expect(names(model)).toEqual(['[x] Wholesale', '+ ale']);
    model.setQuery(' wholesale ');
    expect(names(model)).toEqual(['[x] Wholesale']);
  });

  it('offers to create a label only when no label has that name (case and spaces aside)', () => {
    const { model } = setup();
    model.setQuery('  Late   delivery ');
    expect(names(model)).toEqual(['+ Late delivery']);
    model.setQuery('vip');
    expect(names(model)).toEqual(['[ ] VIP']);
  });

  it('moves the highlight with arrows, wrapping round, and keeps it in the list as it shrinks', () => {
    const { model } = setup();
    model.move(1);
    model.move(1);
    expect(model.activeIndex.value).toBe(2);
    model.move(1);
    expect(model.activeIndex.value).toBe(0);
    model.move(-1);
    expect(model.activeIndex.value).toBe(2);
    model.setQuery('r');
    expect(model.activeIndex.value).toBe(0);
  });

  it('toggles the highlighted label at once and asks the background', async () => {
    const { model, calls } = setup(['a']);
    await model.choose(0);
    expect(names(model)[0]).toBe('[ ] Refunds');
    model.move(1);
    await model.choose();
    expect(names(model)[1]).toBe('[x] Wholesale');
    expect(calls).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('puts the tick back and says why when the background refuses', async () => {
    const { model, refuse } = setup();
    refuse('That label no longer exists.');
    await model.choose(2);
    expect(names(model)[2]).toBe('[ ] VIP');
    expect(model.error.value).toBe('That label no longer exists.');
  });

  it('creates the typed label and puts it on the conversation', async () => {
    const { model, calls } = setup();
    model.setQuery('Late delivery');
    await model.choose();
    expect(calls).toEqual([['new', true]]);
    expect(model.query.value).toBe('');
    expect(names(model)).toContain('[x] Late delivery');
  });

  it('keeps the typed name and shows the reason when a label cannot be created', async () => {
    const { model, calls, createAs } = setup();
    createAs({ ok: false, message: 'A label name can be at most 40 characters.' });
    model.setQuery('x'.repeat(41));
    await model.choose();
    expect(model.error.value).toBe('A label name can be at most 40 characters.');
    expect(model.query.value).toBe('x'.repeat(41));
    expect(calls).toEqual([]);
  });
});
