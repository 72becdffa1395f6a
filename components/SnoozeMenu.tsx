import { useEffect, useRef, useState } from 'preact/hooks';
import { fromLocalInput, shortWhen, snoozePresets, toLocalInput } from '@/lib/desk/times';

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
    if (until === null) return setError('Enter a date and time.');
    if (until <= Date.now()) return setError('Pick a time in the future.');
    onSnooze(until);
  };

  return (
    <dialog ref={dialog} class="snooze-menu" aria-label={`Snooze ${name}`} onClose={onClose} onCancel={onClose}>
      <h2>Snooze {name}</h2>
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
          Pick a date and time
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
          Snooze
        </button>
        {error ? (
          <p id="snooze-error" class="snooze-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      <h3>Follow up if no reply</h3>
      <p class="snooze-hint">Hides it; it comes back with a note unless {name} answers first.</p>
      <div class="snooze-follow-up" role="group" aria-label="Follow up if no reply">
        {FOLLOW_UP_DAYS.map((days) => (
          <button key={days} type="button" class="button small" onClick={() => onFollowUp(days)}>
            {days === 1 ? 'In 1 day' : `In ${days} days`}
          </button>
        ))}
      </div>
      <div class="snooze-footer">
        {snoozed ? (
          <button type="button" class="button small" onClick={onUnsnooze}>
            Unsnooze now
          </button>
        ) : null}
        <button type="button" class="button small" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
