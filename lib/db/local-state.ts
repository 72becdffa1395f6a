/** What exists only on this device: unsent drafts and when each conversation was last opened. */
import { getDB } from './desk-db';
import type { Draft, OpenedState } from './schema';

export async function getDraft(conversationId: string): Promise<Draft | undefined> {
  return (await getDB()).get('drafts', conversationId);
}

/** Saves a draft; an empty text removes it. */
export async function saveDraft(draft: Draft): Promise<void> {
  const db = await getDB();
  if (draft.text.trim() === '') await db.delete('drafts', draft.conversationId);
  else await db.put('drafts', draft);
}

export async function getOpenedStates(): Promise<OpenedState[]> {
  return (await getDB()).getAll('opened');
}

export async function putOpenedState(state: OpenedState): Promise<void> {
  await (await getDB()).put('opened', state);
}
