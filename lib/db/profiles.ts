/** Contact profiles from the User Profile API (without their expiring picture URL). */
import { getDB } from './desk-db';
import type { Profile } from './schema';

export async function getProfile(id: string): Promise<Profile | undefined> {
  return (await getDB()).get('profiles', id);
}

export async function putProfile(profile: Profile): Promise<void> {
  await (await getDB()).put('profiles', profile);
}
