import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { Composer } from '@/components/Composer';
import { QuickReply } from '@/components/QuickReply';
import { SavedRepliesContext, type SavedRepliesSource } from '@/components/SavedReplyPicker';
import { SavedRepliesSection } from '@/components/SavedRepliesSection';
import { createSavedRepliesModel } from '@/lib/models/saved-replies';
import { browserSyncArea } from '@/lib/saved-replies/store';
import type { SavedReply } from '@/lib/saved-replies/types';

afterEach(cleanup);

const REPLIES: SavedReply[] = [
  { id: 'a', title: 'Opening hours', shortcut: 'hours', text: 'Hi {first_name}, we open at 8. — {account}', updatedAt: 1 },
  { id: 'b', title: 'Shipping', shortcut: 'ship', text: 'Orders ship in 2 days.', updatedAt: 2 },
];
const source: SavedRepliesSource = {
  replies: signal(REPLIES),
  fill: () => ({ contact: { name: 'Lena Krause', username: 'lena_k' }, account: { name: 'Lumen Coffee', username: 'lumen' } }),
};

function ComposerHarness({ sent }: { sent: string[] }) {
  const [text, setText] = useState('');
  return (
    <Composer
      text={text}
      onText={setText}
      sending={false}
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

function composer() {
  const sent: string[] = [];
  render(
    <SavedRepliesContext.Provider value={source}>
      <ComposerHarness sent={sent} />
    </SavedRepliesContext.Provider>,
  );
  return { sent, box: screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement };
}

describe('the composer’s saved-reply picker', () => {
  it('/ opens the list; arrows move the active option; Enter inserts it filled without sending', async () => {
    const { sent, box } = composer();
    fireEvent.input(box, { target: { value: '/' } });
    const list = await screen.findByRole('listbox', { name: 'Saved replies' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.getAttribute('aria-selected')),
    ).toEqual(['true', 'false']);
    expect(box.getAttribute('aria-controls')).toBe('saved-reply-picker');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    await waitFor(() => expect(box.getAttribute('aria-activedescendant')).toBe('saved-reply-picker-b'));
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(box.value).toBe('Hi Lena, we open at 8. — Lumen Coffee'));
    expect(sent).toEqual([]);
    expect(screen.queryByRole('listbox')).toBeNull();
    // The byte counter counts the filled text.
    const bytes = new TextEncoder().encode('Hi Lena, we open at 8. — Lumen Coffee').length;
    expect(screen.getByLabelText(`${bytes} of 1000 bytes used`)).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(sent).toEqual(['Hi Lena, we open at 8. — Lumen Coffee']);
  });

  it('Esc closes and keeps the text; Enter then sends it as typed', async () => {
    const { sent, box } = composer();
    fireEvent.input(box, { target: { value: '/shi' } });
    await screen.findByRole('listbox', { name: 'Saved replies' });
    fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect(box.value).toBe('/shi');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(sent).toEqual(['/shi']);
  });

  it('a click on an option inserts it', async () => {
    const { box } = composer();
    fireEvent.input(box, { target: { value: '/' } });
    fireEvent.click(await screen.findByRole('option', { name: /Shipping/ }));
    await waitFor(() => expect(box.value).toBe('Orders ship in 2 days.'));
  });

  it('the popup’s quick reply: /ship + Tab inserts it', async () => {
    render(
      <SavedRepliesContext.Provider value={source}>
        <QuickReply name="lena_k" status={null} onSend={async () => true} onOpenInPanel={() => undefined} />
      </SavedRepliesContext.Provider>,
    );
    const box = screen.getByRole('textbox', { name: 'Reply to lena_k' }) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: '/ship' } });
    await screen.findByRole('listbox', { name: 'Saved replies' });
    fireEvent.keyDown(box, { key: 'Tab' });
    await waitFor(() => expect(box.value).toBe('Orders ship in 2 days.'));
  });
});

describe('the settings section', () => {
  async function section() {
    const model = createSavedRepliesModel({ area: browserSyncArea() });
    await model.ready;
    render(<SavedRepliesSection model={model} />);
    return model;
  }

  async function create(title: string, shortcut: string, text: string): Promise<void> {
    fireEvent.click(screen.getByRole('button', { name: 'Add a reply' }));
    const form = screen.getByRole('form', { name: 'New saved reply' });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Title' }), { target: { value: title } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Shortcut' }), { target: { value: shortcut } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Text' }), { target: { value: text } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save reply' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New saved reply' })).toBeNull());
  }

  const titles = () =>
    within(screen.getByRole('list', { name: 'Saved replies' }))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('strong')?.textContent);

  it('creates, reorders with the focus kept on the moved reply, deletes with undo', async () => {
    await section();
    await create('Opening hours', 'hours', 'We open at 8.');
    await create('Thanks', 'thanks', 'Thank you!');
    expect(titles()).toEqual(['Opening hours', 'Thanks']);
    const up = screen.getByRole('button', { name: 'Move Thanks up' });
    up.focus();
    fireEvent.click(up);
    await waitFor(() => expect(titles()).toEqual(['Thanks', 'Opening hours']));
    // At the top "up" is disabled: the focus goes to the reply's other move button.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move Thanks down' })));
    fireEvent.click(screen.getByRole('button', { name: 'Delete Thanks' }));
    await waitFor(() => expect(titles()).toEqual(['Opening hours']));
    fireEvent.click(within(await screen.findByRole('status')).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(titles()).toEqual(['Thanks', 'Opening hours']));
  });

  it('explains a taken or malformed shortcut and a full sync storage, keeping what was typed', async () => {
    await section();
    await create('Opening hours', 'hours', 'We open at 8.');
    fireEvent.click(screen.getByRole('button', { name: 'Add a reply' }));
    const form = screen.getByRole('form', { name: 'New saved reply' });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Title' }), { target: { value: 'Again' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Shortcut' }), { target: { value: 'Hours Again' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Text' }), { target: { value: 'y'.repeat(900) } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save reply' }));
    await within(form).findByText(/Use only lowercase letters, digits and hyphens/);
    await browserSyncArea().set({ filler: 'x'.repeat(101_500) });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Shortcut' }), { target: { value: 'again' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save reply' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/Saved replies are full: they use \d+\.\d KB of the 100\.0 KB/);
    expect((within(form).getByRole('textbox', { name: 'Text' }) as HTMLTextAreaElement).value).toBe('y'.repeat(900));
    expect(titles()).toEqual(['Opening hours']);
  });
});
