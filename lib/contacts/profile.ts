/**
 * Contact details from the User Profile API. Details are cached for a day; the picture URL
 * expires within days, so it is kept in memory only and fetched again when needed.
 */
import type { AuthService } from '../auth/service';
import { getAccount, getConversation, getProfile, putProfile } from '../db';
import type { Profile } from '../db/schema';
import { DeskError } from '../errors';
import { getProfile as fetchProfile } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import { logDiagnostic } from '../diagnostics';

export const PROFILE_REFRESH_MS = 24 * 60 * 60 * 1000;
const PICTURE_TTL_MS = 60 * 60 * 1000;

export interface ContactProfile extends Profile {
  pictureUrl: string | null;
}

export class ProfileService {
  private readonly pictures = new Map<string, { url: string | null; at: number }>();

  constructor(private readonly deps: { client: GraphClient; auth: AuthService; now?: () => number }) {}

  async load(req: { accountId: string; conversationId: string; refresh?: boolean }): Promise<ContactProfile> {
    const now = (this.deps.now ?? Date.now)();
    const [account, conversation] = await Promise.all([getAccount(req.accountId), getConversation(req.conversationId)]);
    if (!account || !conversation) throw new DeskError('not-found', 'This conversation is no longer in DM Desk.');
    const igsid = conversation.participant.id;
    const cached = await getProfile(igsid);
    const picture = this.pictures.get(igsid);
    const fresh = cached && now - cached.fetchedAt < PROFILE_REFRESH_MS && picture && now - picture.at < PICTURE_TTL_MS;
    if (fresh && !req.refresh) return { ...cached, pictureUrl: picture.url };

    let profile: Profile;
    let pictureUrl: string | null = null;
    try {
      const p = await this.deps.auth.withPageToken(account.id, (page) =>
        fetchProfile(this.deps.client, { pageId: page.pageId, pageToken: page.token, budgetKey: account.id, igsid }),
      );
      pictureUrl = p.pictureUrl;
      profile = {
        id: igsid,
        accountId: account.id,
        name: p.name,
        username: p.username ?? conversation.participant.username,
        followerCount: p.followerCount,
        isVerified: p.isVerified,
        followsBusiness: p.followsBusiness,
        businessFollows: p.businessFollows,
        status: 'ok',
        fetchedAt: now,
      };
    } catch (e) {
      // 230 "User consent is required": fall back to what the conversation gives.
      const consent = e instanceof GraphError && e.code === 230;
      if (!consent && cached) {
        logDiagnostic('contacts', 'Could not refresh a contact profile; showing the cached one', e);
        return { ...cached, pictureUrl: picture?.url ?? null };
      }
      if (!consent && !(e instanceof GraphError && (e.kind === 'invalid-request' || e.kind === 'permission'))) throw e;
      profile = {
        id: igsid,
        accountId: account.id,
        name: null,
        username: conversation.participant.username,
        followerCount: null,
        isVerified: false,
        followsBusiness: null,
        businessFollows: null,
        status: consent ? 'consent-required' : 'unavailable',
        fetchedAt: now,
      };
    }
    // Disconnected while Meta answered: nothing of the account may be written back.
    if (!(await getAccount(account.id))) throw new DeskError('not-found', 'This account is no longer connected to DM Desk.');
    await putProfile(profile);
    this.pictures.set(igsid, { url: pictureUrl, at: now });
    return { ...profile, pictureUrl };
  }
}
