import { useRef } from 'preact/hooks';
import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import { DESK_VIEWS, type DeskCounts, type DeskView } from '@/lib/models/desk-views';

interface Props {
  view: DeskView;
  counts: DeskCounts;
  onSelect: (view: DeskView) => void;
  /** The id of the list the tabs show (aria-controls). */
  controls?: string;
}

/** The list's views with their counts: Inbox, Needs reply, Snoozed, Done, Pinned. Arrow keys move between them. */
export function ViewTabs({ view, counts, onSelect, controls }: Props) {
  const tabs = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const last = DESK_VIEWS.length - 1;
    const to =
      e.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : e.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (to === null) return;
    e.preventDefault();
    const next = DESK_VIEWS[to]!;
    onSelect(next.id);
    tabs.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[to]?.focus();
  };
  return (
    <div class="view-tabs" role="tablist" aria-label={t('desk.views')} ref={tabs}>
      {DESK_VIEWS.map((v, i) => {
        const selected = v.id === view;
        return (
          <button
            key={v.id}
            type="button"
            role="tab"
            class="view-tab"
            aria-selected={selected}
            aria-controls={controls}
            tabIndex={selected ? 0 : -1}
            onClick={() => onSelect(v.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {v.label} <span class="view-count">{formatNumber(counts[v.id])}</span>
          </button>
        );
      })}
    </div>
  );
}
