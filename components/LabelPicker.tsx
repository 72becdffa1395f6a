import { signal } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { createLabelPickerModel } from '@/lib/models/label-picker';
import type { LabelsModel } from '@/lib/models/labels';
import { Spinner } from './Icons';
import { LabelEditor } from './LabelEditor';

interface Props {
  labels: LabelsModel;
  accountId: string;
  conversationId: string;
  /** The ids of the labels on the conversation, as stored. */
  assigned: readonly string[];
  onClose: () => void;
}

/**
 * The label picker of one conversation: a combobox over a multi-select list. Type to filter,
 * arrows move, Enter (or Space before anything is typed) puts the highlighted label on or takes
 * it off, a new name offers "Create label “…”", Esc closes. "Edit labels" renames, recolours,
 * moves and deletes them in place.
 */
export function LabelPicker({ labels, accountId, conversationId, assigned, onClose }: Props) {
  const assignedSignal = useMemo(() => signal<readonly string[]>(assigned), []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    assignedSignal.value = assigned;
  }, [assigned, assignedSignal]);
  const picker = useMemo(
    () =>
      createLabelPickerModel({
        labels: labels.labels,
        assigned: assignedSignal,
        setAssigned: (labelId, on) => labels.assign(accountId, [conversationId], labelId, on),
        create: (name) => labels.create(name),
      }),
    [labels, accountId, conversationId, assignedSignal],
  );
  const [editing, setEditing] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const options = picker.options.value;
  const active = picker.activeIndex.value;
  const idBase = `label-picker-${conversationId}`;
  const optionId = (i: number): string => `${idBase}-option-${i}`;

  // A click outside closes it.
  useEffect(() => {
    const onDown = (e: MouseEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  useEffect(() => {
    if (!editing) input.current?.focus();
  }, [editing]);

  // Esc anywhere in it: back from editing, else closed (the conversation behind stays open).
  useEffect(() => {
    const el = root.current;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      e.stopPropagation();
      if (editing) setEditing(false);
      else onClose();
    };
    el?.addEventListener('keydown', onKey);
    return () => el?.removeEventListener('keydown', onKey);
  }, [editing, onClose]);

  useEffect(() => {
    listRef.current?.querySelector(`#${CSS.escape(optionId(active))}`)?.scrollIntoView?.({ block: 'nearest' });
  });

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      picker.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Home' && picker.query.value === '') {
      e.preventDefault();
      picker.moveTo(0);
    } else if (e.key === 'End' && picker.query.value === '') {
      e.preventDefault();
      picker.moveTo(options.length - 1);
    } else if (e.key === 'Enter' || (e.key === ' ' && picker.query.value === '')) {
      e.preventDefault();
      void picker.choose();
    } else if (e.key === 'Escape') {
      // Closes the picker only (not the conversation behind it).
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div class="label-picker" ref={root} role="dialog" aria-label={t('labels.pickerTitle')}>
      {editing ? (
        <div class="label-picker-edit">
          <LabelEditor model={labels} />
          <button type="button" class="button small" onClick={() => setEditing(false)}>
            {t('labels.pickerDone')}
          </button>
        </div>
      ) : (
        <>
          <input
            ref={input}
            type="text"
            class="label-picker-input"
            role="combobox"
            aria-expanded="true"
            aria-controls={`${idBase}-list`}
            aria-autocomplete="list"
            aria-activedescendant={options.length > 0 ? optionId(active) : undefined}
            aria-label={t('labels.pickerFind')}
            placeholder={t('labels.pickerPlaceholder')}
            maxLength={60}
            value={picker.query.value}
            onInput={(e) => picker.setQuery(e.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
          <ul
            class="label-picker-list"
            id={`${idBase}-list`}
            role="listbox"
            aria-multiselectable="true"
            aria-label={t('labels.list')}
            ref={listRef}
          >
            {options.map((o, i) => (
              // The input keeps the focus; a click chooses (keyboard users use the input's keys).
              // eslint-disable-next-line jsx-a11y/click-events-have-key-events
              <li
                key={o.kind === 'label' ? o.label.id : 'create'}
                id={optionId(i)}
                role="option"
                aria-selected={o.kind === 'label' ? o.checked : false}
                class={`label-picker-option${i === active ? ' active' : ''}${o.kind === 'create' ? ' create' : ''}`}
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => i !== active && picker.moveTo(i)}
                onClick={() => void picker.choose(i)}
              >
                {o.kind === 'label' ? (
                  <>
                    <span class={`label-check${o.checked ? ' on' : ''}`} aria-hidden="true">
                      {o.checked ? '✓' : ''}
                    </span>
                    <span class={`label-dot label-${o.label.color}`} aria-hidden="true" />
                    <span class="label-name">{o.label.name}</span>
                  </>
                ) : (
                  <>
                    <span class="label-check" aria-hidden="true">
                      {picker.creating.value ? <Spinner size={12} /> : '+'}
                    </span>
                    <span class="label-name">{t('labels.create', { name: o.name })}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
          {options.length === 0 ? (
            <p class="label-picker-empty muted">{labels.labels.value?.length ? t('labels.noMatch') : t('labels.createFirst')}</p>
          ) : null}
          {picker.error.value ? (
            <p class="form-error" role="alert">
              {picker.error.value}
            </p>
          ) : null}
          <div class="label-picker-footer">
            <button type="button" class="link-button" onClick={() => setEditing(true)}>
              {t('labels.edit')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
