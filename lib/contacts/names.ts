/**
 * Contacts' names for the list. Meta's conversation list carries only usernames; names come from
 * the User Profile API, asked for a new customer's notification, then the rows a person sees, then
 * conversations a sync found, in Graph batch requests of up to 50, and kept in the one profile
 * cache (profile.ts): a name is asked again after a day, a withheld one too (never a storm of calls).
 *
 * Names never slow down what matters more: each part spends a read slot of its account's rate
 * budget, but only a slot free right now (a sync or a check of a reply waiting for one gets it
 * first), at most half of the account's reads (a notification's aside), never while the account
 * syncs, within a second of a sync's due time (a notification's aside) or when Meta asked us to
 * wait. What could not be asked waits for the next round; what failed is asked again a few times,
 * then when it is next in view.
 */
import type { AuthService } from '../auth/service';
import { applyProfile, getAccount, getConversations, getProfile, getSyncState } from '../db';
import type { Conversation, Profile } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { batchGet, PROFILE_FIELDS, type BatchPart } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { parseProfile } from '../graph/parse';
import { isFresh, profileFromGraph, withheldProfile, withheldStatus } from './profile';

/** Meta's most for one batch request. */
export const MAX_BATCH_PARTS = 50;
/** Background names leave the reads alone this close to a sync's due time: a new customer's name gets a slot at once. */
export const SYNC_HEADROOM_MS = 1000;
/** Between two rounds while names wait for a free slot (an account reads 2 calls/s). */
export const ROUND_GAP_MS = 1000;
/** Names use at most half of an account's 2 reads/s (burst 2): the rest is for syncs, the contact panel, reply checks. */
export const NAMES_PER_SECOND = 1;
export const NAMES_BURST = 2;
/** An account Meta asked to leave alone longer than this drops its waiting names (asked again when seen). */
export const GIVE_UP_WHEN_BLOCKED_MS = 60_000;
/** At most this many names a sync found wait per account (the newest); the rest are asked for when in view. */
export const MAX_SYNC_WAITING = 200;
/** A name whose read failed this often waits until it is in view again. */
export const MAX_ATTEMPTS = 3;

/** Who asks; a notification's names are the sync's own delivery, not held to the names' share. */
export type NamePriority = 'notify' | 'view' | 'sync';
const RANKS: Record<NamePriority, number> = { notify: 2e12, view: 1e12, sync: 0 };

interface Wanted {
  igsid: string;
  username: string | null;
  conversationIds: Set<string>;
  /** Higher first (RANKS), the newest ask first. */
  rank: number;
  attempts: number;
}

export interface NameResolverDeps {
  client: GraphClient;
  auth: Pick<AuthService, 'pageTokenFor'>;
  /** Rows whose name changed (the background announces them and updates the search index). */
  onNamesChanged: (accountId: string, rows: Conversation[]) => Promise<void>;
  /** The panel's pictures come with the same answer. */
  onPicture?: (igsid: string, url: string | null, at: number) => void;
  /** The names' share of an account's reads (default NAMES_PER_SECOND with a burst of NAMES_BURST). */
  share?: { perSecond: number; burst: number };
  /** When the background syncs next (epoch ms; null when none is set). */
  nextSyncAt?: () => number | null;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class NameResolver {
  /** accountId → igsid → what is wanted. */
  readonly #pending = new Map<string, Map<string, Wanted>>();
  #pumping: Promise<void> | null = null;
  #asks = 0;
  /** Per account: the names' own share of its read rate (tokens, refilled at NAMES_PER_SECOND). */
  readonly #shares = new Map<string, { tokens: number; at: number }>();
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #deps: NameResolverDeps;

  constructor(deps: NameResolverDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Asks for the names of these conversations' contacts. A name cached less than a day ago is put
   * on its rows at once; the rest is read from Meta. `sync`: only rows never read are asked for.
   */
  async want(accountId: string, conversationIds: readonly string[], priority: NamePriority): Promise<void> {
    const rows = (await getConversations([...new Set(conversationIds)])).filter(
      (c) =>
        c.accountId === accountId && !c.participant.id.startsWith('unknown:') && (priority !== 'sync' || c.participant.name === undefined),
    );
    const now = this.#now();
    const rank = RANKS[priority] + ++this.#asks;
    const fromCache = new Map<string, { profile: Profile; ids: string[] }>();
    for (const row of rows) {
      const igsid = row.participant.id;
      const queued = this.#pending.get(accountId)?.get(igsid);
      if (queued) {
        queued.conversationIds.add(row.id);
        queued.rank = Math.max(queued.rank, rank);
        continue;
      }
      if (priority === 'sync' && this.#waitingFromSync(accountId) >= MAX_SYNC_WAITING) break;
      const cached = fromCache.get(igsid)?.profile ?? (await getProfile(igsid));
      if (isFresh(cached, accountId, now)) {
        const entry = fromCache.get(igsid) ?? { profile: cached, ids: [] };
        entry.ids.push(row.id);
        fromCache.set(igsid, entry);
        continue;
      }
      let queue = this.#pending.get(accountId);
      if (!queue) this.#pending.set(accountId, (queue = new Map()));
      queue.set(igsid, { igsid, username: row.participant.username, conversationIds: new Set([row.id]), rank, attempts: 0 });
    }
    const changed: Conversation[] = [];
    for (const { profile, ids } of fromCache.values()) changed.push(...(await applyProfile(profile, ids)));
    await this.#announce(accountId, changed);
    this.#start();
  }

  /** Resolves once nothing waits (or after `timeoutMs`): a notification may wait briefly for a new contact's name. */
  async settled(timeoutMs = Infinity): Promise<void> {
    const pump = this.#pumping;
    if (!pump) return;
    if (!Number.isFinite(timeoutMs)) return pump;
    await Promise.race([pump, this.#sleep(timeoutMs)]);
  }

  #waitingFromSync(accountId: string): number {
    return [...(this.#pending.get(accountId)?.values() ?? [])].filter((w) => w.rank < RANKS.view).length;
  }

  #start(): void {
    if (this.#pumping || this.#pending.size === 0) return;
    this.#pumping = this.#pump()
      .catch((e: unknown) => logDiagnostic('contacts', 'Reading contacts’ names stopped early', e))
      .finally(() => {
        this.#pumping = null;
        // Asked for while the last round ended.
        this.#start();
      });
  }

  async #pump(): Promise<void> {
    while (this.#pending.size > 0) {
      const parts = await this.#collect();
      if (parts.length > 0) await this.#fetch(parts);
      else if (this.#pending.size > 0) await this.#gap();
    }
  }

  #endGap: (() => void) | null = null;
  /** When the next read slot frees for a notification's name that found none (else null). */
  #notifySlotAt: number | null = null;

  /** The pause between two rounds (shorter for a notification's name), which `resume` ends early. */
  async #gap(): Promise<void> {
    const ms = Math.min(ROUND_GAP_MS, Math.max(0, (this.#notifySlotAt ?? Infinity) - this.#now()));
    await new Promise<void>((resolve) => {
      this.#endGap = resolve;
      void this.#sleep(ms).then(resolve);
    });
    this.#endGap = null;
  }

  /**
   * An account's sync ended: names that waited for its slots are asked for now, not after the
   * round's pause (a new customer's notification waits for their name).
   */
  resume(): void {
    this.#endGap?.();
  }

  /** The names to ask in this round: as many as free read slots allow, rows in view first. */
  async #collect(): Promise<Array<Wanted & { accountId: string; token: string }>> {
    const budget = this.#deps.client.budget;
    await budget.ready();
    const parts: Array<Wanted & { accountId: string; token: string }> = [];
    this.#notifySlotAt = null;
    const untilSync = (this.#deps.nextSyncAt?.() ?? Infinity) - this.#now();
    const syncDue = Math.abs(untilSync) < SYNC_HEADROOM_MS;
    for (const [accountId, queue] of [...this.#pending]) {
      if (queue.size === 0 || !(await getAccount(accountId))) {
        this.#pending.delete(accountId);
        continue;
      }
      if (budget.blockedUntil(accountId) > this.#now() + GIVE_UP_WHEN_BLOCKED_MS) {
        this.#pending.delete(accountId);
        logDiagnostic('contacts', 'Meta asked to wait before reading more names; they are asked again when seen');
        continue;
      }
      // A sync under way has the account's slots to itself.
      if ((await getSyncState(accountId))?.running) continue;
      let token: string;
      try {
        token = (await this.#deps.auth.pageTokenFor(accountId)).token;
      } catch (e) {
        this.#pending.delete(accountId);
        logDiagnostic('contacts', 'No login to read contacts’ names with', e);
        continue;
      }
      const share = this.#share(accountId);
      for (const wanted of [...queue.values()].sort((a, b) => b.rank - a.rank)) {
        if (parts.length >= MAX_BATCH_PARTS) return parts;
        const notify = wanted.rank >= RANKS.notify;
        if ((share.tokens < 1 || syncDue) && !notify) break;
        // Only a slot free now: waiting in line would take it from a sync or a reply check.
        if (!(await budget.take(accountId, 0))) {
          if (notify) this.#notifySlotAt = Math.min(this.#notifySlotAt ?? Infinity, budget.nextSlot(accountId));
          break;
        }
        share.tokens -= 1;
        queue.delete(wanted.igsid);
        parts.push({ ...wanted, accountId, token });
      }
      if (queue.size === 0) this.#pending.delete(accountId);
    }
    return parts;
  }

  /** The names' share of an account's reads, refilled up to now. */
  #share(accountId: string): { tokens: number; at: number } {
    const now = this.#now();
    const { perSecond, burst } = this.#deps.share ?? { perSecond: NAMES_PER_SECOND, burst: NAMES_BURST };
    const share = this.#shares.get(accountId) ?? { tokens: burst, at: now };
    share.tokens = Math.min(burst, share.tokens + (Math.max(0, now - share.at) * perSecond) / 1000);
    share.at = now;
    this.#shares.set(accountId, share);
    return share;
  }

  async #fetch(parts: Array<Wanted & { accountId: string; token: string }>): Promise<void> {
    const first = parts[0];
    if (!first) return;
    let answers: BatchPart[];
    try {
      answers = await batchGet(
        this.#deps.client,
        first.token,
        parts.map((p) => ({
          path: `/${encodeURIComponent(p.igsid)}`,
          token: p.token,
          params: { fields: PROFILE_FIELDS },
          budgetKey: p.accountId,
        })),
      );
    } catch (e) {
      logDiagnostic('contacts', 'A batch of contacts’ names failed; it is asked again', e);
      parts.forEach((p) => this.#retry(p));
      return;
    }
    const now = this.#now();
    const changed = new Map<string, Conversation[]>();
    for (const [i, part] of parts.entries()) {
      const answer = answers[i];
      let profile: Profile | null = null;
      if (answer && !answer.error) {
        try {
          const p = parseProfile(answer.body, part.igsid);
          profile = profileFromGraph(p, part.accountId, part.igsid, part.username, now);
          this.#deps.onPicture?.(part.igsid, p.pictureUrl, now);
        } catch (e) {
          logDiagnostic('contacts', 'A contact’s profile was unreadable; it is asked again', e);
        }
      } else {
        const withheld = withheldStatus(answer?.error);
        if (withheld) profile = withheldProfile(withheld, part.accountId, part.igsid, part.username, now);
        else logDiagnostic('contacts', 'Could not read a contact’s name; it is asked again', answer?.error);
      }
      if (!profile) {
        this.#retry(part);
        continue;
      }
      // Disconnected while Meta answered: nothing of the account is written back.
      if (!(await getAccount(part.accountId))) continue;
      const rows = await applyProfile(profile, [...part.conversationIds]);
      changed.set(part.accountId, [...(changed.get(part.accountId) ?? []), ...rows]);
    }
    for (const [accountId, rows] of changed) await this.#announce(accountId, rows);
  }

  #retry(part: Wanted & { accountId: string }): void {
    if (part.attempts + 1 >= MAX_ATTEMPTS) return;
    let queue = this.#pending.get(part.accountId);
    if (!queue) this.#pending.set(part.accountId, (queue = new Map()));
    const { igsid, username, conversationIds, rank, attempts } = part;
    if (!queue.has(igsid)) queue.set(igsid, { igsid, username, conversationIds, rank: rank - 1e6, attempts: attempts + 1 });
  }

  async #announce(accountId: string, rows: Conversation[]): Promise<void> {
    if (rows.length === 0) return;
    await this.#deps.onNamesChanged(accountId, rows).catch((e: unknown) => {
      logDiagnostic('contacts', 'Could not announce contacts’ new names', e);
    });
  }
}
