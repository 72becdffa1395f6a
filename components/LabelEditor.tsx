import { useState } from 'preact/hooks';
import { LABEL_COLORS, type Label, type LabelColor } from '@/lib/db/schema';
import { formatNumber } from '@/lib/format/numbers';
import { t } from '@/lib/i18n';
import type { LabelsModel } from '@/lib/models/labels';

/** A palette colour's name, in the browser's language. */
export function colorName(color: LabelColor): string {
  switch (color) {
    case 'gray':
      return t('labels.colorGray');
    case 'red':
      return t('labels.colorRed');
    case 'orange':
      return t('labels.colorOrange');
    case 'yellow':
      return t('labels.colorYellow');
    case 'green':
      return t('labels.colorGreen');
    case 'teal':
      return t('labels.colorTeal');
    case 'blue':
      return t('labels.colorBlue');
    case 'purple':
      return t('labels.colorPurple');
    case 'pink':
      return t('labels.colorPink');
  }
}

/** A colour choice: the palette by name, with the chosen colour's dot beside it. */
export function ColorSelect({ value, label, onChange }: { value: LabelColor; label: string; onChange: (c: LabelColor) => void }) {
  return (
    <span class={`label-color-select label-${value}`}>
      <span class="label-dot" aria-hidden="true" />
      <select aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value as LabelColor)}>
        {LABEL_COLORS.map((c) => (
          <option key={c} value={c}>
            {colorName(c)}
          </option>
        ))}
      </select>
    </span>
  );
}

/** One label: rename (Enter or leaving the field saves), recolour, move, delete after saying what it takes off. */
function LabelEditRow({ model, label, index }: { model: LabelsModel; label: Label; index: number }) {
  const [name, setName] = useState(label.name);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** Conversations carrying it (undefined while not counted). */
  const uses = model.usage.value ? (model.usage.value.get(label.id) ?? 0) : undefined;
  const last = (model.labels.value?.length ?? 0) - 1;
  const result = (r: { ok: true } | { ok: false; message: string }): void => setError(r.ok ? null : r.message);
  const rename = async (): Promise<void> => {
    if (name.trim() === label.name) return setName(label.name);
    const r = await model.rename(label, name);
    result(r);
  };
  const errorId = `label-error-${label.id}`;
  return (
    <li class="label-edit-row">
      <div class="label-edit-fields">
        <ColorSelect
          value={label.color}
          label={t('labels.colorOf', { name: label.name })}
          onChange={(c) => void model.recolor(label, c).then(result)}
        />
        <input
          type="text"
          class="label-edit-name"
          aria-label={t('labels.nameOf', { name: label.name })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          value={name}
          maxLength={60}
          onInput={(e) => setName(e.currentTarget.value)}
          onBlur={() => void rename()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void rename();
            } else if (e.key === 'Escape' && name !== label.name) {
              e.preventDefault();
              setName(label.name);
              setError(null);
            }
          }}
        />
        {uses === undefined ? null : <span class="label-uses muted">{t('labels.uses', uses, { count: formatNumber(uses) })}</span>}
        <button
          type="button"
          class="icon-button small"
          aria-label={t('labels.moveUp', { name: label.name })}
          disabled={index === 0}
          onClick={() => void model.move(label, -1).then(result)}
        >
          ↑
        </button>
        <button
          type="button"
          class="icon-button small"
          aria-label={t('labels.moveDown', { name: label.name })}
          disabled={index === last}
          onClick={() => void model.move(label, 1).then(result)}
        >
          ↓
        </button>
        <button
          type="button"
          class="button small danger"
          aria-label={t('labels.deleteNamed', { name: label.name })}
          onClick={() => setConfirming(true)}
        >
          {t('labels.delete')}
        </button>
      </div>
      {confirming ? (
        <div class="label-confirm" role="alert">
          <span>
            {uses
              ? t('labels.confirmDeleteUsed', uses, { name: label.name, count: formatNumber(uses) })
              : t('labels.confirmDeleteUnused', { name: label.name })}
          </span>
          <button
            type="button"
            class="button small danger"
            onClick={() =>
              void model.remove(label).then((refused) => {
                setError(refused);
                setConfirming(false);
              })
            }
          >
            {t('labels.deleteLabel')}
          </button>
          <button type="button" class="button small" onClick={() => setConfirming(false)}>
            {t('labels.cancel')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p class="form-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** Every label, editable in place (the options page, and "Edit labels" in the picker). */
export function LabelEditor({ model }: { model: LabelsModel }) {
  const labels = model.labels.value ?? [];
  if (labels.length === 0) return <p class="muted">{t('labels.none')}</p>;
  return (
    <ul class="label-edit-list" aria-label={t('labels.list')}>
      {labels.map((l, i) => (
        // Keyed by id and name: a rename made elsewhere replaces what the field shows.
        <LabelEditRow key={`${l.id}:${l.name}`} model={model} label={l} index={i} />
      ))}
    </ul>
  );
}

/** Creates a label with a name and a colour. */
export function NewLabelForm({ model }: { model: LabelsModel }) {
  const [name, setName] = useState('');
  const [color, setColor] = useState<LabelColor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <form
      class="label-create"
      onSubmit={(e) => {
        e.preventDefault();
        setSaving(true);
        void model.create(name, color ?? undefined).then((r) => {
          setSaving(false);
          setError(r.ok ? null : r.message);
          if (r.ok) {
            setName('');
            setColor(null);
          }
        });
      }}
    >
      <label class="label-create-name">
        {t('labels.newLabel')}
        <input
          type="text"
          value={name}
          maxLength={60}
          onInput={(e) => setName(e.currentTarget.value)}
          placeholder={t('labels.newPlaceholder')}
        />
      </label>
      <ColorSelect value={color ?? 'blue'} label={t('labels.newColor')} onChange={setColor} />
      <button type="submit" class="button" disabled={saving || name.trim() === ''}>
        {t('labels.add')}
      </button>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
