import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Composer } from '@/components/Composer';

afterEach(cleanup);

function setup(sending = false) {
  const sent: string[] = [];
  render(
    <Composer
      sending={sending}
      error={null}
      restoredDraft={null}
      disabledReason={null}
      images={[]}
      imageErrors={[]}
      onAddImages={() => undefined}
      onRemoveImage={() => undefined}
      onSend={async (t) => (sent.push(t), true)}
    />,
  );
  return {
    sent,
    box: screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement,
    send: screen.getByRole('button', { name: 'Send' }),
  };
}

describe('Composer', () => {
  it('disables Send while empty', () => {
    const { send } = setup();
    expect((send as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends on Enter and clears the box; Shift+Enter does not send', () => {
    const { sent, box } = setup();
    fireEvent.input(box, { target: { value: 'line one' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(sent).toEqual([]);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(sent).toEqual(['line one']);
    expect(box.value).toBe('');
  });

  it('disables Send while a message is in transit', () => {
    const { box, send } = setup(true);
    fireEvent.input(box, { target: { value: 'next' } });
    expect((send as HTMLButtonElement).disabled).toBe(true);
  });
});
