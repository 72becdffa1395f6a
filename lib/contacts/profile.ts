/**
 * Contact details from the User Profile API: the contact panel's profile (ProfileService) and the
 * rules both it and the list's names (names.ts) share. One cache: the `profiles` store, read
 * again after a day (also when Meta withheld the profile, so a withheld one causes no storm of
 * calls). The picture URL expires within days, so it is kept in memory only.
 */
import type { AuthService } from '../auth/service';
import { applyProfile, getAccount, getConversation, getProfile } from '../db';
import type { Conversation, Profile } from '../db/schema';
import { DeskError } from '../errors';
import { getProfile as fetchProfile } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import type { GraphProfile } from '../graph/types';
import { t } from '../i18n';
import { logDiagnostic } from '../diagnostics';

export const PROFILE_REFRESH_MS = 24 * 60 * 60 * 1000;
const PICTURE_TTL_MS = 60 * 60 * 1000;

export interface ContactProfile extends Profile {
  pictureUrl: string | null;
}

/**
 * Whether Meta's refusal means "this profile is not shared" (kept for a day like an answer), and
 * how: 230 "User consent is required" (the person never messaged the account), 9010 "No matching
 * Instagram user", or a refusal of the request or its permission. Null for anything a retry may
 * fix (rate limits, expired tokens, hiccups).
 */
export function withheldStatus(e: unknown): 'consent-required' | 'unavailable' | null {
  if (!(e instanceof GraphError)) return null;
  if (e.code === 230) return 'consent-required';
  if (e.code === 9010) return 'unavailable';
  return e.kind === 'invalid-request' || e.kind === 'permission' ? 'unavailable' : null;
}

/** The stored profile for what Meta answered. */
export function profileFromGraph(p: GraphProfile, accountId: string, igsid: string, fallbackUsername: string | null, now: number): Profile {
  return {
    id: igsid,
    accountId,
    name: p.name,
    username: p.username ?? fallbackUsername,
    followerCount: p.followerCount,
    isVerified: p.isVerified,
    followsBusiness: p.followsBusiness,
    businessFollows: p.businessFollows,
    status: 'ok',
    fetchedAt: now,
  };
}

/** The stored profile when Meta withholds it: what the conversation gives, and why. */
export function withheldProfile(
  status: 'consent-required' | 'unavailable',
  accountId: string,
  igsid: string,
  username: string | null,
  now: number,
): Profile {
  return {
    id: igsid,
    accountId,
    name: null,
    username,
    followerCount: null,
    isVerified: false,
    followsBusiness: null,
    businessFollows: null,
    status,
    fetchedAt: now,
  };
}

/** A cached profile still good to use (read less than a day ago, for this account). */
export function isFresh(profile: Profile | undefined, accountId: string, now: number): profile is Profile {
  return (
    profile !== undefined && profile.accountId === accountId && now - profile.fetchedAt < PROFILE_REFRESH_MS && profile.fetchedAt <= now
  );
}

export class ProfileService {
  readonly #pictures = new Map<string, { url: string | null; at: number }>();

  constructor(
    private readonly deps: {
      client: GraphClient;
      auth: AuthService;
      now?: () => number;
      /** Rows whose name changed with a profile read here (the list shows the new name). */
      onNamesChanged?: (accountId: string, rows: Conversation[]) => Promise<void>;
    },
  ) {}

  /** A picture URL read elsewhere (the list's names): the panel shows it without asking again. */
  rememberPicture(igsid: string, url: string | null, at: number): void {
    this.#pictures.set(igsid, { url, at });
  }

  async load(req: { accountId: string; conversationId: string; refresh?: boolean }): Promise<ContactProfile> {
    const now = (this.deps.now ?? Date.now)();
    const [account, conversation] = await Promise.all([getAccount(req.accountId), getConversation(req.conversationId)]);
    if (!account || !conversation) throw new DeskError('not-found', t('errors.conversationGone'));
    const igsid = conversation.participant.id;
    const cached = await getProfile(igsid);
    const picture = this.#pictures.get(igsid);
    const fresh = isFresh(cached, account.id, now) && picture && now - picture.at < PICTURE_TTL_MS;
    if (fresh && cached && !req.refresh) return { ...cached, pictureUrl: picture.url };

    let profile: Profile;
    let pictureUrl: string | null = null;
    try {
      const p = await this.deps.auth.withPageToken(account.id, (page) =>
        fetchProfile(this.deps.client, { pageId: page.pageId, pageToken: page.token, budgetKey: account.id, igsid }),
      );
      pictureUrl = p.pictureUrl;
      profile = profileFromGraph(p, account.id, igsid, conversation.participant.username, now);
    } catch (e) {
      // Withheld (consent 230, no match 9010, …): fall back to what the conversation gives.
      const withheld = withheldStatus(e);
      if (withheld !== 'consent-required' && cached) {
        logDiagnostic('contacts', 'Could not refresh a contact profile; showing the cached one', e);
        return { ...cached, pictureUrl: picture?.url ?? null };
      }
      if (!withheld) throw e;
      profile = withheldProfile(withheld, account.id, igsid, conversation.participant.username, now);
    }
    // Disconnected while Meta answered: nothing of the account may be written back.
    if (!(await getAccount(account.id))) throw new DeskError('not-found', t('errors.accountGone'));
    const changed = await applyProfile(profile, [conversation.id]);
    if (changed.length > 0) {
      await this.deps.onNamesChanged?.(account.id, changed).catch((e: unknown) => {
        logDiagnostic('contacts', 'Could not announce a contact’s new name', e);
      });
    }
    this.#pictures.set(igsid, { url: pictureUrl, at: now });
    return { ...profile, pictureUrl };
  }
}
