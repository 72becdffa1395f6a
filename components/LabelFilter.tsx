import type { Label } from '@/lib/db/schema';
import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';

interface Props {
  labels: readonly Label[];
  /** The labels a row must carry (all of them) to show. */
  selected: ReadonlySet<string>;
  /** How many rows of the view carry each label. */
  counts: ReadonlyMap<string, number>;
  onChange: (selected: string[]) => void;
}

/** The list's label filter: one toggle per label with its count; several narrow the list (a row carries them all). */
export function LabelFilter({ labels, selected, counts, onChange }: Props) {
  if (labels.length === 0) return null;
  const toggle = (id: string): void => onChange(selected.has(id) ? [...selected].filter((s) => s !== id) : [...selected, id]);
  return (
    <div class="label-filter" role="group" aria-label={t('labels.filter')}>
      {labels.map((l) => {
        const count = counts.get(l.id) ?? 0;
        return (
          <button
            key={l.id}
            type="button"
            class={`label-filter-button label-${l.color}`}
            aria-pressed={selected.has(l.id)}
            aria-label={`${l.name} (${formatNumber(count)})`}
            onClick={() => toggle(l.id)}
          >
            <span class="label-dot" aria-hidden="true" />
            <span class="label-name">{l.name}</span>
            <span class="label-count" aria-hidden="true">
              {formatNumber(count)}
            </span>
          </button>
        );
      })}
      {selected.size > 0 ? (
        <button type="button" class="link-button label-filter-clear" onClick={() => onChange([])}>
          {t('labels.clearFilter')}
        </button>
      ) : null}
    </div>
  );
}
