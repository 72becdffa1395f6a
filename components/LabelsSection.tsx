import { t } from '@/lib/i18n';
import type { LabelsModel } from '@/lib/models/labels';
import { LabelEditor, NewLabelForm } from './LabelEditor';
import { Words } from './Words';

/** The options page's labels: create, rename, recolour, reorder and delete (taken off every conversation at once). */
export function LabelsSection({ model }: { model: LabelsModel }) {
  return (
    <section class="card labels-section" aria-labelledby="labels-title">
      <h2 id="labels-title">{t('labels.title')}</h2>
      <p class="muted">
        {/* i18n-exempt: the key "l" as printed on the keyboard */}
        <Words message={t('labels.intro', { key: '{key}' })} parts={{ key: <kbd>l</kbd> }} />
      </p>
      {model.error.value ? (
        <p class="form-error" role="alert">
          {model.error.value}{' '}
          <button type="button" class="button small" onClick={() => void model.load()}>
            {t('labels.tryAgain')}
          </button>
        </p>
      ) : null}
      <LabelEditor model={model} />
      <NewLabelForm model={model} />
    </section>
  );
}
