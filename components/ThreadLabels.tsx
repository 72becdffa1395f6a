import { useCallback, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { LabelsModel } from '@/lib/models/labels';
import { LabelChips, labelsOf } from './LabelChips';
import { lazyComponent } from './lazy';

// i18n-exempt: a module path and a component name, not words
const LabelPicker = lazyComponent(() => import('./LabelPicker').then((m) => m.LabelPicker), 'LabelPicker');

interface Props {
  labels: LabelsModel;
  accountId: string;
  conversationId: string;
  labelIds: readonly string[] | undefined;
}

const NONE: readonly string[] = [];

/** The thread header's labels: the chips and the Labels button (also `l`) that opens the picker. */
export function ThreadLabels({ labels, accountId, conversationId, labelIds }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  const on = labelsOf(labelIds, labels.labels.value ?? []);
  return (
    <div class="thread-labels">
      <LabelChips labels={on} max={3} />
      <span class="label-picker-anchor">
        <button
          ref={button}
          id="labels-button"
          type="button"
          class="button small"
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-keyshortcuts="l"
          title={t('labels.buttonTitle')}
          onClick={() => setOpen(!open)}
        >
          {t('labels.button')}
        </button>
        {open ? (
          <LabelPicker labels={labels} accountId={accountId} conversationId={conversationId} assigned={labelIds ?? NONE} onClose={close} />
        ) : null}
      </span>
    </div>
  );
}
