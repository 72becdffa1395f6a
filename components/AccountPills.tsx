import type { Account } from '@/lib/db/schema';
import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import { InstagramIcon } from './Icons';

interface Props {
  accounts: Account[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Unread conversations per account, shown as a count on its pill. */
  unread?: Record<string, number>;
}

/** The connected accounts as tabs; arrow keys move between them. */
export function AccountPills({ accounts, selectedId, onSelect, unread }: Props) {
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    e.preventDefault();
    const next = accounts[(index + delta + accounts.length) % accounts.length];
    if (next) {
      onSelect(next.id);
      const tabs = (e.currentTarget as HTMLElement).parentElement?.querySelectorAll<HTMLElement>('[role="tab"]');
      tabs?.[(index + delta + accounts.length) % accounts.length]?.focus();
    }
  };
  return (
    <div class="pills" role="tablist" aria-label={t('accounts.pillsLabel')}>
      {accounts.map((a, i) => {
        const selected = a.id === selectedId;
        const label = a.name ?? a.username;
        const count = unread?.[a.id] ?? 0;
        return (
          <button
            key={a.id}
            type="button"
            role="tab"
            class="pill"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            title={`@${a.username}`}
            onClick={() => onSelect(a.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <InstagramIcon size={14} />
            <span class="pill-label">{label}</span>
            {count > 0 ? (
              <span class="pill-count" aria-label={t('accounts.unreadCount', count, { count: formatNumber(count) })}>
                {formatNumber(count)}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
