import type { Label } from '@/lib/db/schema';
import { t } from '@/lib/i18n';

interface Props {
  labels: readonly Label[];
  /** Show at most this many; the rest as "+N". */
  max?: number;
}

/** A conversation's labels: a coloured dot and the name (readable in both themes), as plain text. */
export function LabelChips({ labels, max = labels.length }: Props) {
  if (labels.length === 0) return null;
  const shown = labels.slice(0, max);
  const rest = labels.length - shown.length;
  return (
    <span class="label-chips">
      {shown.map((l) => (
        <span key={l.id} class={`label-chip label-${l.color}`} title={t('labels.chipTitle', { name: l.name })}>
          <span class="label-dot" aria-hidden="true" />
          <span class="label-name">{l.name}</span>
        </span>
      ))}
      {rest > 0 ? (
        <span
          class="label-chip label-more"
          title={labels
            .slice(max)
            .map((l) => l.name)
            .join(', ')}
        >
          +{rest}
        </span>
      ) : null}
    </span>
  );
}

/** The labels of these ids, in the labels' order (ids of deleted labels are left out). */
export function labelsOf(ids: readonly string[] | undefined, all: readonly Label[]): Label[] {
  if (!ids || ids.length === 0) return [];
  const on = new Set(ids);
  return all.filter((l) => on.has(l.id));
}
