import type { Ref } from 'preact';

interface Props {
  value: string;
  allAccounts: boolean;
  inputRef?: Ref<HTMLInputElement>;
  onInput: (value: string) => void;
  onAllAccounts: (all: boolean) => void;
  onClear: () => void;
}

/** One search box (shortcut "/") over messages, names and usernames. */
export function SearchBox({ value, allAccounts, inputRef, onInput, onAllAccounts, onClear }: Props) {
  return (
    <div class="search-box" role="search">
      <input
        ref={inputRef}
        type="search"
        aria-label="Search messages"
        placeholder="Search messages and people  /"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClear();
            e.currentTarget.blur();
          }
        }}
      />
      <button type="button" class="filter-button" aria-pressed={allAccounts} onClick={() => onAllAccounts(!allAccounts)}>
        All accounts
      </button>
    </div>
  );
}
