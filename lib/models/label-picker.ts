/**
 * The label picker on one conversation (`l`, or the thread header's Labels button): type to filter,
 * arrows move, Space/Enter puts a label on or takes it off, and a name no label has yet offers
 * "Create label “…”" (created and put on at once). A tick shows at once; should the background
 * refuse, it goes back and the reason shows.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Label } from '../db/schema';
import type { LabelResult } from './labels';

export type PickerOption = { kind: 'label'; label: Label; checked: boolean } | { kind: 'create'; name: string };

export interface LabelPickerOptions {
  labels: ReadonlySignal<Label[] | null>;
  /** The ids of the labels on the conversation, as stored. */
  assigned: ReadonlySignal<readonly string[]>;
  /** Puts a label on the conversation or takes it off; resolves with the reason when refused. */
  setAssigned(labelId: string, on: boolean): Promise<string | null>;
  create(name: string): Promise<LabelResult>;
}

/** The same name, as the background compares them (case and inner spaces do not count). */
export const sameName = (a: string, b: string): boolean =>
  a.trim().replace(/\s+/g, ' ').toLocaleLowerCase() === b.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

export type LabelPickerModel = ReturnType<typeof createLabelPickerModel>;

export function createLabelPickerModel(options: LabelPickerOptions) {
  const query = signal('');
  const active = signal(0);
  const error = signal<string | null>(null);
  /** Ticks shown before the background has written them. */
  const overrides = signal<ReadonlyMap<string, boolean>>(new Map());
  const creating = signal(false);

  const isChecked = (id: string): boolean => overrides.value.get(id) ?? options.assigned.value.includes(id);

  const list = computed((): PickerOption[] => {
    const q = query.value.trim().toLocaleLowerCase();
    const labels = options.labels.value ?? [];
    const matching = labels.filter((l) => q === '' || l.name.toLocaleLowerCase().includes(q));
    const result: PickerOption[] = matching.map((label) => ({ kind: 'label', label, checked: isChecked(label.id) }));
    const name = query.value.trim().replace(/\s+/g, ' ');
    if (name !== '' && !labels.some((l) => sameName(l.name, name))) result.push({ kind: 'create', name });
    return result;
  });
  /** The highlighted option (kept within the list as it shrinks). */
  const activeIndex = computed(() => Math.min(active.value, Math.max(0, list.value.length - 1)));

  const setOverride = (id: string, on: boolean | undefined): void => {
    const next = new Map(overrides.value);
    if (on === undefined) next.delete(id);
    else next.set(id, on);
    overrides.value = next;
  };

  async function toggle(labelId: string): Promise<void> {
    const on = !isChecked(labelId);
    batch(() => {
      setOverride(labelId, on);
      error.value = null;
    });
    const refused = await options.setAssigned(labelId, on);
    if (refused !== null)
      batch(() => {
        setOverride(labelId, undefined);
        error.value = refused;
      });
  }

  async function create(name: string): Promise<void> {
    if (creating.value) return;
    creating.value = true;
    error.value = null;
    try {
      const made = await options.create(name);
      if (!made.ok) {
        error.value = made.message;
        return;
      }
      batch(() => {
        query.value = '';
        setOverride(made.label.id, true);
      });
      const refused = await options.setAssigned(made.label.id, true);
      if (refused !== null)
        batch(() => {
          setOverride(made.label.id, undefined);
          error.value = refused;
        });
    } finally {
      creating.value = false;
    }
  }

  return {
    query: query as ReadonlySignal<string>,
    options: list,
    activeIndex,
    error: error as ReadonlySignal<string | null>,
    creating: creating as ReadonlySignal<boolean>,

    setQuery(text: string): void {
      batch(() => {
        query.value = text;
        active.value = 0;
      });
    },

    /** Moves the highlight (wrapping round). */
    move(by: number): void {
      const n = list.value.length;
      if (n === 0) return;
      active.value = (((activeIndex.value + by) % n) + n) % n;
    },

    moveTo(index: number): void {
      active.value = Math.max(0, index);
    },

    /** Toggles the highlighted label, or creates the typed one (or the option at `index`). */
    async choose(index = activeIndex.value): Promise<void> {
      const option = list.value[index];
      if (!option) return;
      active.value = index;
      if (option.kind === 'label') await toggle(option.label.id);
      else await create(option.name);
    },

    toggle,
  };
}
