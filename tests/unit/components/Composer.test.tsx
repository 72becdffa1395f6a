import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { Composer } from '@/components/Composer';

afterEach(cleanup);

function Harness({ sending, sent }: { sending: boolean; sent: string[] }) {
  const [text, setText] = useState('');
  return (
    <Composer
      text={text}
      onText={setText}
      sending={sending}
      error={null}
      disabledReason={null}
      images={[]}
      imageErrors={[]}
      onAddImages={() => undefined}
      onRemoveImage={() => undefined}
      onSend={async () => {
        sent.push(text);
        setText('');
        return true;
      }}
    />
  );
}

function setup(sending = false) {
  const sent: string[] = [];
  render(<Harness sending={sending} sent={sent} />);
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

  it('sends on Enter; Shift+Enter does not send', () => {
    const { sent, box } = setup();
    fireEvent.input(box, { target: { value: 'line one' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(sent).toEqual([]);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(sent).toEqual(['line one']);
  });

  it('disables Send while a message is in transit', () => {
    const { box, send } = setup(true);
    fireEvent.input(box, { target: { value: 'next' } });
    expect((send as HTMLButtonElement).disabled).toBe(true);
  });

  it('counts bytes, not characters, and refuses more than 1000', () => {
    const { box, send } = setup();
    fireEvent.input(box, { target: { value: '😀'.repeat(250) } });
    expect(screen.getByText('1000 / 1000')).toBeTruthy();
    expect((send as HTMLButtonElement).disabled).toBe(false);
    fireEvent.input(box, { target: { value: '😀'.repeat(250) + 'a' } });
    expect((send as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('remove 1 byte (an emoji');
  });
});
