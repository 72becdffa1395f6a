import { useRef, useState } from 'preact/hooks';
import { formatNumber } from '@/lib/format/numbers';
import { MAX_TEXT_BYTES, utf8Length } from '@/lib/format/text';
import { t } from '@/lib/i18n';
import type { AttachedImage } from '@/lib/models/attachments';
import { ACCEPTED_IMAGE_TYPES } from '@/lib/policy/attachments';
import { SendIcon, Spinner } from './Icons';
import { NO_CONTACT, pickerBoxProps, SavedReplyPicker, useReplyPicker } from './SavedReplyPicker';

interface Props {
  /** The reply being written (kept as a draft by the model). */
  text: string;
  onText: (text: string) => void;
  sending: boolean;
  error: string | null;
  /** Why replying is impossible right now (e.g. the reply window closed); disables the composer. */
  disabledReason: string | null;
  images: AttachedImage[];
  imageErrors: string[];
  onAddImages: (files: File[]) => void;
  onRemoveImage: (id: string) => void;
  onSend: () => Promise<boolean>;
}

/** Within this many bytes of the limit the counter turns orange. */
const NEAR_LIMIT = 10;

const STATE_LABEL: Record<AttachedImage['state'], () => string> = {
  ready: () => '',
  uploading: () => t('composer.uploading'),
  uploaded: () => t('composer.uploaded'),
  failed: () => t('composer.uploadFailed'),
};

/** Reply box: Enter sends, Shift+Enter adds a line; images by picker, drag-and-drop or paste. */
export function Composer(props: Props) {
  const { text, sending, error, disabledReason, images, onSend } = props;
  const [dragging, setDragging] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  // Saved replies: `/` at the start opens them (when the page gives a source).
  const { picker: replies, source } = useReplyPicker(text);
  const fill = source?.fill?.() ?? NO_CONTACT;

  const bytes = utf8Length(text.trim());
  const over = bytes > MAX_TEXT_BYTES;
  const counterState = bytes >= MAX_TEXT_BYTES ? 'at-limit' : bytes >= MAX_TEXT_BYTES - NEAR_LIMIT ? 'near-limit' : '';
  const hasContent = text.trim() !== '' || images.length > 0;
  const canSend = hasContent && !sending && !over && disabledReason === null;

  const submit = () => {
    if (!canSend) return;
    void onSend();
    box.current?.focus();
  };

  const addFiles = (list: FileList | null | undefined) => {
    const files = Array.from(list ?? []);
    if (files.length > 0) props.onAddImages(files);
  };

  return (
    <form
      class={`composer${dragging ? ' dragging' : ''}`}
      aria-label={t('composer.label')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => {
        if (disabledReason) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        if (!disabledReason) addFiles(e.dataTransfer?.files);
      }}
    >
      {disabledReason ? (
        <p class="composer-closed" role="status">
          {disabledReason}
        </p>
      ) : null}
      {error ? (
        <p class="composer-error" role="alert">
          {error}
        </p>
      ) : null}
      {props.imageErrors.length > 0 ? (
        <ul class="composer-error" role="alert">
          {props.imageErrors.map((msg) => (
            <li key={msg}>{msg}</li>
          ))}
        </ul>
      ) : null}
      {images.length > 0 ? (
        <ul class="attachment-previews" aria-label={t('composer.imagesToSend')}>
          {images.map((img) => (
            <li key={img.id} class={`attachment-preview ${img.state}`}>
              <img src={img.previewUrl} alt={img.name} />
              {img.state !== 'ready' ? (
                <span class="attachment-state" role="status">
                  {img.state === 'uploading' ? (
                    <progress aria-label={t('composer.uploadingImage', { name: img.name })} />
                  ) : (
                    STATE_LABEL[img.state]()
                  )}
                </span>
              ) : null}
              <button
                type="button"
                class="attachment-remove"
                aria-label={t('composer.removeImage', { name: img.name })}
                disabled={sending}
                onClick={() => props.onRemoveImage(img.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {replies ? (
        <SavedReplyPicker
          picker={replies}
          id="saved-reply-picker"
          fill={fill}
          onManage={source?.manage}
          onInsert={(filled) => {
            props.onText(filled);
            box.current?.focus();
          }}
        />
      ) : null}
      <div class="composer-row">
        <button
          type="button"
          class="icon-button"
          aria-label={t('composer.addImages')}
          title={t('composer.addImagesTitle')}
          disabled={disabledReason !== null || sending}
          onClick={() => picker.current?.click()}
        >
          <span aria-hidden="true">🖼</span>
        </button>
        <input
          ref={picker}
          type="file"
          accept={ACCEPTED_IMAGE_TYPES.join(',')}
          multiple
          hidden
          aria-label={t('composer.chooseImages')}
          onChange={(e) => {
            addFiles(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <textarea
          ref={box}
          class="composer-input"
          aria-label={t('composer.messageLabel')}
          id="reply-box"
          aria-describedby="composer-counter"
          placeholder={disabledReason ? t('composer.placeholderClosed') : t('composer.placeholder')}
          rows={1}
          value={text}
          disabled={disabledReason !== null}
          {...pickerBoxProps(replies, 'saved-reply-picker')}
          onInput={(e) => {
            props.onText(e.currentTarget.value);
            replies?.setText(e.currentTarget.value);
          }}
          onPaste={(e) => {
            const files = e.clipboardData?.files;
            if (files && files.length > 0) {
              e.preventDefault();
              addFiles(files);
            }
          }}
          onKeyDown={(e) => {
            const picked = replies && !e.isComposing ? replies.key(e.key, fill, { shift: e.shiftKey }) : null;
            if (picked?.handled) {
              e.preventDefault();
              if (picked.text !== undefined) props.onText(picked.text);
              return;
            }
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" class="send-button" aria-label={t('composer.send')} disabled={!canSend} aria-busy={sending}>
          {sending ? <Spinner size={18} /> : <SendIcon />}
        </button>
      </div>
      <div class="composer-foot">
        {over ? (
          <span class="composer-limit" role="alert">
            {t('composer.tooLong', bytes - MAX_TEXT_BYTES, { count: formatNumber(bytes - MAX_TEXT_BYTES) })}
          </span>
        ) : null}
        <span
          id="composer-counter"
          class={`byte-counter ${counterState}`}
          aria-label={t('composer.bytesUsed', { bytes, max: MAX_TEXT_BYTES })}
        >
          {bytes} / {MAX_TEXT_BYTES}
        </span>
      </div>
    </form>
  );
}
