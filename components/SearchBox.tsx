import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { Label } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import { filterHelp } from '@/lib/search';

interface Props {
  value: string;
  allAccounts: boolean;
  inputRef?: Ref<HTMLInputElement>;
  onInput: (value: string) => void;
  onAllAccounts: (all: boolean) => void;
  onClear: () => void;
  /** Labels offered while `label:` is being typed. */
  suggestions?: Label[];
  onPickLabel?: (name: string) => void;
}

/** One search box (shortcut "/") over messages, notes, names and usernames, with `label:` and `is:` filters. */
export function SearchBox({ value, allAccounts, inputRef, onInput, onAllAccounts, onClear, suggestions = [], onPickLabel }: Props) {
  const [help, setHelp] = useState(false);
  const [active, setActive] = useState(0);
  const offered = suggestions.length > 0 && onPickLabel ? suggestions : [];
  const at = Math.min(active, Math.max(0, offered.length - 1));
  return (
    <div class="search-area">
      <div class="search-box" role="search">
        <input
          ref={inputRef}
          type="search"
          aria-label={t('search.boxLabel')}
          aria-describedby="search-filter-hint"
          placeholder={t('search.placeholder')}
          value={value}
          onInput={(e) => {
            setActive(0);
            onInput(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (offered.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
              e.preventDefault();
              setActive((at + (e.key === 'ArrowDown' ? 1 : offered.length - 1)) % offered.length);
            } else if (offered.length > 0 && (e.key === 'Enter' || e.key === 'Tab') && offered[at]) {
              e.preventDefault();
              onPickLabel?.(offered[at].name);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onClear();
              e.currentTarget.blur();
            }
          }}
        />
        <button type="button" class="filter-button" aria-pressed={allAccounts} onClick={() => onAllAccounts(!allAccounts)}>
          {t('search.allAccounts')}
        </button>
        <button
          type="button"
          class="icon-button search-help-button"
          aria-label={t('search.filtersHelp')}
          title={t('search.filtersHelp')}
          aria-expanded={help}
          onClick={() => setHelp(!help)}
        >
          ?
        </button>
      </div>
      <span id="search-filter-hint" class="visually-hidden">
        {t('search.filterHint')}
      </span>
      {offered.length > 0 ? (
        <ul class="label-suggestions" role="listbox" aria-label={t('search.labelSuggestions')}>
          {offered.map((l, i) => (
            <li key={l.id} role="option" aria-selected={i === at}>
              <button type="button" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => onPickLabel?.(l.name)}>
                <span class={`label-dot label-${l.color}`} aria-hidden="true" /> {l.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {help ? (
        <dl class="search-help" aria-label={t('search.filtersHelp')}>
          {filterHelp().map(([syntax, what]) => (
            <div key={syntax}>
              <dt>
                <code>{syntax}</code>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
