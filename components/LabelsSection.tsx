import type { LabelsModel } from '@/lib/models/labels';
import { LabelEditor, NewLabelForm } from './LabelEditor';

/** The options page's labels: create, rename, recolour, reorder and delete (taken off every conversation at once). */
export function LabelsSection({ model }: { model: LabelsModel }) {
  return (
    <section class="card labels-section" aria-labelledby="labels-title">
      <h2 id="labels-title">Labels</h2>
      <p class="muted">
        Labels sort conversations by topic. Press <kbd>l</kbd> in a conversation to add them; filter the list by them above the
        conversations. They stay on this computer and are never sent to Instagram.
      </p>
      {model.error.value ? (
        <p class="form-error" role="alert">
          {model.error.value}{' '}
          <button type="button" class="button small" onClick={() => void model.load()}>
            Try again
          </button>
        </p>
      ) : null}
      <LabelEditor model={model} />
      <NewLabelForm model={model} />
    </section>
  );
}
