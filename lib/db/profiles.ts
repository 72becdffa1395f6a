/** Contact profiles from the User Profile API (without their expiring picture URL). */
import { getDB } from './desk-db';
import type { Conversation, Profile } from './schema';

export async function getProfile(id: string): Promise<Profile | undefined> {
  return (await getDB()).get('profiles', id);
}

export async function putProfile(profile: Profile): Promise<void> {
  await (await getDB()).put('profiles', profile);
}

/**
 * Keeps a profile and puts its name on the rows of the given conversations with that contact, in
 * one transaction (a sync merging a row at the same time waits for it, and keeps the name). A
 * withheld profile leaves a name already known on the row (Meta may stop sharing it, e.g. after
 * being blocked; the last known name still says who it is). Returns the rows whose name changed.
 */
export async function applyProfile(profile: Profile, conversationIds: string[]): Promise<Conversation[]> {
  const db = await getDB();
  const tx = db.transaction(['profiles', 'conversations'], 'readwrite');
  const rows = tx.objectStore('conversations');
  await tx.objectStore('profiles').put(profile);
  const changed: Conversation[] = [];
  for (const id of conversationIds) {
    const row = await rows.get(id);
    if (!row || row.participant.id !== profile.id) continue;
    const known = typeof row.participant.name === 'string' ? row.participant.name : null;
    const name = profile.status === 'ok' ? profile.name : known;
    if (row.participant.name === name) continue;
    const next: Conversation = { ...row, participant: { ...row.participant, name } };
    await rows.put(next);
    changed.push(next);
  }
  await tx.done;
  return changed;
}
