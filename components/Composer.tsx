import { useEffect, useRef, useState } from 'preact/hooks';
import { SendIcon, Spinner } from './Icons';

interface Props {
  sending: boolean;
  error: string | null;
  /** Text handed back after a failed send; put into the box if the person has not typed since. */
  restoredDraft: string | null;
  onSend: (text: string) => Promise<boolean>;
}

/** Reply box: Enter sends, Shift+Enter adds a line. */
export function Composer({ sending, error, restoredDraft, onSend }: Props) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (restoredDraft) setText((current) => (current.trim() === '' ? restoredDraft : current));
  }, [restoredDraft]);

  const canSend = text.trim() !== '' && !sending;

  const submit = () => {
    if (!canSend) return;
    const value = text;
    setText('');
    void onSend(value);
    box.current?.focus();
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {error ? (
        <p class="composer-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="composer-row">
        <textarea
          ref={box}
          class="composer-input"
          aria-label="Message"
          placeholder="Message…"
          rows={1}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" class="send-button" aria-label="Send" disabled={!canSend} aria-busy={sending}>
          {sending ? <Spinner size={18} /> : <SendIcon />}
        </button>
      </div>
    </form>
  );
}
