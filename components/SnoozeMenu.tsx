import { useEffect, useRef, useState } from 'preact/hooks';
import { fromLocalInput, shortWhen, snoozePresets, toLocalInput } from '@/lib/desk/times';
import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';

interface Props {
  /** Whose conversation (for the title). */
  name: string;
  now: number;
  timeZone: string | undefined;
  /** It is snoozed now (offers to bring it back). */
  snoozed: boolean;
  onSnooze: (until: number) => void;
  onFollowUp: (days: number) => void;
  onUnsnooze: () => void;
  onClose: () => void;
}

export const FOLLOW_UP_DAYS = [1, 3, 7] as const;

/**
 * Snooze until later today, tomorrow morning, next week or a chosen time; or follow up when the
 * customer has not answered in 1, 3 or 7 days. A modal dialog: Esc closes it, Tab moves through it.
 */
export function SnoozeMenu({ name, now, timeZone, snoozed, onSnooze, onFollowUp, onUnsnooze, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The menu's times are fixed when it opens (not moved by the clock while choosing).
  const [openedAt] = useState(now);
  const presets = snoozePresets(openedAt, timeZone);
  const [custom, setCustom] = useState(() => toLocalInput(presets[1]!.until, timeZone));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal?.();
    d?.querySelector<HTMLButtonElement>('button.snooze-option')?.focus();
  }, []);

  const pickCustom = (e: Event) => {
    e.preventDefault();
    const until = fromLocalInput(custom, timeZone);
    if (until === null) return setError(t('desk.snoozeNoTime'));
    if (until <= Date.now()) return setError(t('desk.snoozePast'));
    onSnooze(until);
  };

  // Esc cancels and the browser closes the dialog, giving the focus back to what opened it; only
  // then does `close` take it off the page (taking it off at `cancel` would lose the focus).
  return (
    <dialog ref={dialog} class="snooze-menu" aria-label={t('desk.snoozeMenuTitle', { name })} onClose={onClose}>
      <h2>{t('desk.snoozeMenuTitle', { name })}</h2>
      <ul class="snooze-options">
        {presets.map((p) => (
          <li key={p.id}>
            <button type="button" class="snooze-option" onClick={() => onSnooze(p.until)}>
              <span>{p.label}</span>
              <span class="snooze-when">{shortWhen(p.until, openedAt, timeZone)}</span>
            </button>
          </li>
        ))}
      </ul>
      <form class="snooze-custom" onSubmit={pickCustom}>
        <label>
          {t('desk.snoozePickTime')}
          <input
            type="datetime-local"
            value={custom}
            min={toLocalInput(openedAt, timeZone)}
            onInput={(e) => {
              setCustom(e.currentTarget.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'snooze-error' : undefined}
          />
        </label>
        <button type="submit" class="button small">
          {t('desk.snooze')}
        </button>
        {error ? (
          <p id="snooze-error" class="snooze-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      <h3>{t('desk.followUpTitle')}</h3>
      <p class="snooze-hint">{t('desk.followUpHint', { name })}</p>
      <div class="snooze-follow-up" role="group" aria-label={t('desk.followUpTitle')}>
        {FOLLOW_UP_DAYS.map((days) => (
          <button key={days} type="button" class="button small" onClick={() => onFollowUp(days)}>
            {t('desk.followUpIn', days, { count: formatNumber(days) })}
          </button>
        ))}
      </div>
      <div class="snooze-footer">
        {snoozed ? (
          <button type="button" class="button small" onClick={onUnsnooze}>
            {t('desk.unsnooze')}
          </button>
        ) : null}
        <button type="button" class="button small" onClick={() => dialog.current?.close()}>
          {t('desk.cancel')}
        </button>
      </div>
    </dialog>
  );
}
