/**
 * The label picker and the contact's notes as a person uses them: keys, what shows, and what is
 * asked of the background (a fake one, in memory).
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ContactNotes } from '@/components/ContactNotes';
import { LabelPicker } from '@/components/LabelPicker';
import type { ContactNote, Label } from '@/lib/db/schema';
import { createContactNotesModel, type ContactNotesDeps } from '@/lib/models/contact-notes';
import { createLabelsModel, type LabelsDeps } from '@/lib/models/labels';

afterEach(cleanup);

const label = (id: string, name: string, order: number): Label => ({ id, name, color: 'blue', order, createdAt: 0 });

function labelsWorld(initial: Label[]) {
  let labels = [...initial];
  const requests: Array<{ name: string; payload: unknown }> = [];
  const deps: LabelsDeps = {
    listLabels: async () => labels,
    onNotice: () => () => undefined,
    request: (async (name: string, payload: { name: string; color: Label['color'] }) => {
      requests.push({ name, payload });
      if (name !== 'saveLabel') return null;
      const made = { ...label(`l${labels.length + 1}`, payload.name, labels.length), color: payload.color };
      labels = [...labels, made];
      return made;
    }) as LabelsDeps['request'],
  };
  return { model: createLabelsModel(deps), requests };
}

describe('LabelPicker', () => {
  it('filters as one types, toggles with Enter and Space, creates a new name and closes on Esc', async () => {
    const world = labelsWorld([label('a', 'Refunds', 0), label('b', 'Wholesale', 1)]);
    await world.model.ready;
    let closed = 0;
    render(<LabelPicker labels={world.model} accountId="ig1" conversationId="c1" assigned={['b']} onClose={() => closed++} />);
    const find = screen.getByRole('combobox', { name: 'Find or create a label' });
    expect(document.activeElement).toBe(find);
    expect(screen.getAllByRole('option').map((o) => [o.textContent, o.getAttribute('aria-selected')])).toEqual([
      ['Refunds', 'false'],
      ['✓Wholesale', 'true'],
    ]);

    // Space before anything is typed toggles the highlighted label (the first).
    fireEvent.keyDown(find, { key: ' ' });
    await waitFor(() => expect(screen.getByRole('option', { name: 'Refunds' }).getAttribute('aria-selected')).toBe('true'));
    // Arrows move; Enter toggles.
    fireEvent.keyDown(find, { key: 'ArrowDown' });
    expect(find.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { name: /Wholesale/ }).id);
    fireEvent.keyDown(find, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('option', { name: /Wholesale/ }).getAttribute('aria-selected')).toBe('false'));

    fireEvent.input(find, { target: { value: 'Late delivery' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['+Create label “Late delivery”']);
    fireEvent.keyDown(find, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('option', { name: /Late delivery/ }).getAttribute('aria-selected')).toBe('true'));

    expect(world.requests).toEqual([
      { name: 'updateDesk', payload: { accountId: 'ig1', conversationIds: ['c1'], change: { kind: 'labels', add: ['a'] } } },
      { name: 'updateDesk', payload: { accountId: 'ig1', conversationIds: ['c1'], change: { kind: 'labels', remove: ['b'] } } },
      { name: 'saveLabel', payload: { name: 'Late delivery', color: 'red' } },
      { name: 'updateDesk', payload: { accountId: 'ig1', conversationIds: ['c1'], change: { kind: 'labels', add: ['l3'] } } },
    ]);

    const esc = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    find.dispatchEvent(esc);
    expect(closed).toBe(1);
    // The conversation behind it is not closed by the same key.
    expect(esc.defaultPrevented).toBe(true);
  });

  it('edits the labels in place from "Edit labels"', async () => {
    const world = labelsWorld([label('a', 'Refunds', 0)]);
    await world.model.ready;
    render(<LabelPicker labels={world.model} accountId="ig1" conversationId="c1" assigned={[]} onClose={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit labels' }));
    expect(screen.getByRole('textbox', { name: 'Name of label Refunds' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.getByRole('combobox', { name: 'Find or create a label' })).toBeTruthy();
  });
});

describe('ContactNotes', () => {
  const note = (over: Partial<ContactNote>): ContactNote => ({
    id: 'n1',
    accountId: 'ig1',
    contactId: 'u1',
    conversationId: 'c1',
    text: '',
    createdAt: Date.UTC(2026, 11, 2, 14, 5),
    updatedAt: Date.UTC(2026, 11, 2, 14, 5),
    ...over,
  });

  function setup(initial: ContactNote[]) {
    let notes = [...initial];
    const saved: unknown[] = [];
    const deps: ContactNotesDeps = {
      listNotes: async () => notes,
      request: (async (name: string, payload: { text: string }) => {
        saved.push({ name, payload });
        const made = note({ id: `n${notes.length + 2}`, text: payload.text });
        notes = [made, ...notes];
        return made;
      }) as ContactNotesDeps['request'],
    };
    const model = createContactNotesModel(deps);
    model.show({ accountId: 'ig1', contactId: 'u1', conversationId: 'c1' });
    render(<ContactNotes model={model} now={Date.UTC(2026, 11, 2, 18)} timeZone="UTC" />);
    return { saved };
  }

  it('says notes are private and shows their text as text, with when it was added and edited', async () => {
    setup([note({ text: '<img src=x onerror=alert(1)> see https://lumen.example', updatedAt: Date.UTC(2026, 11, 2, 15) })]);
    expect(screen.getByText('Only you see notes; they are never sent to Instagram.')).toBeTruthy();
    const item = await screen.findByRole('listitem');
    expect(item.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(item.querySelector('img')).toBeNull();
    expect(screen.getByRole('link', { name: 'https://lumen.example' }).getAttribute('rel')).toBe('noopener noreferrer');
    expect(item.textContent).toContain('Added today, 2:05 PM · edited');
  });

  it('adds a note with Ctrl+Enter and empties the box', async () => {
    const { saved } = setup([]);
    await screen.findByText('No notes yet.');
    const box = screen.getByRole('textbox', { name: 'New note' }) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Prefers oat milk' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await screen.findByText('Prefers oat milk');
    expect(box.value).toBe('');
    expect(saved).toEqual([
      { name: 'saveNote', payload: { accountId: 'ig1', contactId: 'u1', conversationId: 'c1', id: undefined, text: 'Prefers oat milk' } },
    ]);
  });
});
