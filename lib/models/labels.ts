/**
 * The labels (topics) every page shows: read from the cache, read again whenever the background
 * says they changed (`labels-changed`), and created, renamed, recoloured, moved and deleted by
 * asking the background. Shared by the side panel, the options page and the popup. A refused
 * write resolves with the reason in words and changes nothing here.
 */
import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { LABEL_COLORS, type ConversationDesk, type Label, type LabelColor } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { t } from '../i18n';
import type { Notice, RequestName, Requests } from '../messaging/protocol';

export interface LabelsDeps {
  listLabels(): Promise<Label[]>;
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
  onNotice(listener: (notice: Notice) => void): () => void;
  /** Every conversation's desk record (the options page counts how many carry each label). */
  getAllDeskStates?(): Promise<ConversationDesk[]>;
}

export type LabelResult = { ok: true; label: Label } | { ok: false; message: string };

/** What the list says when the labels cannot be read. */
export const labelsReadFailed = (): string => t('labels.readFailed');

/** The colour a new label gets: the first of the palette no label uses yet, then round again. */
export function nextLabelColor(labels: readonly Label[]): LabelColor {
  const palette = LABEL_COLORS.filter((c) => c !== 'gray');
  const used = new Set(labels.map((l) => l.color));
  return palette.find((c) => !used.has(c)) ?? palette[labels.length % palette.length]!;
}

/** Words for a failed request (the background's own when it gave any). */
function reason(e: unknown, fallback: string): string {
  if (e instanceof DeskError) return e.message;
  logDiagnostic('ui', 'A label change failed', e);
  return fallback;
}

export type LabelsModel = ReturnType<typeof createLabelsModel>;

export function createLabelsModel(deps: LabelsDeps) {
  const labels = signal<Label[] | null>(null);
  const error = signal<string | null>(null);
  /** How many conversations (of every account) carry each label; null until counted or without the read. */
  const usage = signal<Map<string, number> | null>(null);
  /** The label ids of each labelled conversation (every account), read with the counts. */
  const conversationLabels = signal<ReadonlyMap<string, readonly string[]>>(new Map());
  let reads = 0;
  let counts = 0;
  let disposed = false;

  async function load(): Promise<void> {
    const mine = ++reads;
    try {
      const all = await deps.listLabels();
      if (disposed || mine !== reads) return;
      labels.value = all;
      error.value = null;
    } catch (e) {
      logDiagnostic('ui', 'Labels could not be read', e);
      if (!disposed && mine === reads) error.value = labelsReadFailed();
    }
  }

  async function count(): Promise<void> {
    if (!deps.getAllDeskStates) return;
    const mine = ++counts;
    try {
      const states = await deps.getAllDeskStates();
      const next = new Map<string, number>();
      const byConversation = new Map<string, readonly string[]>();
      for (const d of states) {
        if (d.labelIds.length > 0) byConversation.set(d.conversationId, d.labelIds);
        for (const id of d.labelIds) next.set(id, (next.get(id) ?? 0) + 1);
      }
      if (!disposed && mine === counts)
        batch(() => {
          usage.value = next;
          conversationLabels.value = byConversation;
        });
    } catch (e) {
      logDiagnostic('ui', 'Could not count the conversations of each label', e);
    }
  }

  const unsubscribe = deps.onNotice((notice) => {
    if (notice.type === 'labels-changed') void load().then(count);
    else if (notice.type === 'desk-changed') void count();
  });
  const ready = Promise.all([load(), count()]).then(() => undefined);

  const byId = computed(() => new Map((labels.value ?? []).map((l) => [l.id, l])));

  async function save(input: { id?: string; name: string; color: LabelColor; order?: number }): Promise<LabelResult> {
    try {
      const label = await deps.request('saveLabel', input);
      await load();
      return { ok: true, label };
    } catch (e) {
      return { ok: false, message: reason(e, t('labels.saveFailed')) };
    }
  }

  return {
    /** In their order; null until read. */
    labels: labels as ReadonlySignal<Label[] | null>,
    byId,
    /** Conversations carrying each label (every account), when the page counts them. */
    usage: usage as ReadonlySignal<Map<string, number> | null>,
    /** Each labelled conversation's label ids, when the page reads them (the popup's rows). */
    conversationLabels: conversationLabels as ReadonlySignal<ReadonlyMap<string, readonly string[]>>,
    /** Reading them failed (shown with a way forward). */
    error: error as ReadonlySignal<string | null>,
    ready,
    load,

    /** A new label; its colour is the next free one of the palette unless given. */
    create(name: string, color?: LabelColor): Promise<LabelResult> {
      return save({ name, color: color ?? nextLabelColor(labels.value ?? []) });
    },

    rename(label: Label, name: string): Promise<LabelResult> {
      return save({ id: label.id, name, color: label.color });
    },

    recolor(label: Label, color: LabelColor): Promise<LabelResult> {
      return save({ id: label.id, name: label.name, color });
    },

    /** Moves a label up (-1) or down (+1) in the order. */
    move(label: Label, by: number): Promise<LabelResult> {
      const all = labels.value ?? [];
      const at = all.findIndex((l) => l.id === label.id);
      const to = Math.max(0, Math.min(all.length - 1, at + by));
      return save({ id: label.id, name: label.name, color: label.color, order: to });
    },

    /** Puts a label on conversations of an account or takes it off; resolves with the reason when refused. */
    async assign(accountId: string, conversationIds: string[], labelId: string, on: boolean): Promise<string | null> {
      try {
        const change = on ? { kind: 'labels' as const, add: [labelId] } : { kind: 'labels' as const, remove: [labelId] };
        await deps.request('updateDesk', { accountId, conversationIds, change });
        return null;
      } catch (e) {
        return reason(e, t('labels.changeFailed'));
      }
    },

    /** Deletes a label and takes it off every conversation. Resolves with the reason when refused. */
    async remove(label: Label): Promise<string | null> {
      try {
        await deps.request('deleteLabel', { id: label.id });
        await load();
        return null;
      } catch (e) {
        return reason(e, t('labels.deleteFailed'));
      }
    },

    dispose(): void {
      disposed = true;
      unsubscribe();
    },
  };
}

/**
 * Keeps a list's label filter to labels that exist: a label deleted (here or in another window)
 * while the list is filtered by it leaves the filter, instead of leaving an empty list.
 */
export function pruneLabelFilter(
  labels: Pick<LabelsModel, 'labels'>,
  list: ReadonlySignal<{ labelFilter: ReadonlySignal<ReadonlySet<string>>; setLabelFilter(ids: Iterable<string>): void } | null>,
): () => void {
  return effect(() => {
    const known = labels.labels.value;
    const current = list.value;
    const selected = [...(current?.labelFilter.value ?? [])];
    if (!known || !current) return;
    const ids = new Set(known.map((l) => l.id));
    if (selected.some((id) => !ids.has(id))) current.setLabelFilter(selected.filter((id) => ids.has(id)));
  });
}
