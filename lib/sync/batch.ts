/**
 * The first pages of several accounts in one Graph batch request: one round trip instead of one
 * per account. Only a shortcut — an account it does not answer for syncs on its own.
 */
import { getSyncState } from '../db';
import type { Account, SyncState } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { batchGet, conversationPageParams } from '../graph/api';
import { GraphError } from '../graph/errors';
import { parseConversation, parsePaged } from '../graph/parse';
import type { Page, SyncContext } from './context';
import { BATCH_SLOT_WAIT_MS, limitsOf, rateLimitedUntil } from './limits';

/**
 * The first page (or the error Meta will repeat) of each account the batch could read. A
 * rate-limited account and one in the middle of a capped pass stay out.
 */
export async function batchFirstPages(ctx: SyncContext, accounts: Account[]): Promise<Map<string, Page | GraphError>> {
  const pages = new Map<string, Page | GraphError>();
  try {
    await ctx.deps.client.budget.ready();
    // A rate-limited account stays out (its run records when it may be asked again), and so does
    // one in the middle of a capped pass (its run continues from a cursor, not the first page).
    const candidates: Array<{ account: Account; state: SyncState | undefined }> = [];
    for (const account of accounts) {
      const state = await getSyncState(account.id);
      if (state?.resume) continue;
      if (rateLimitedUntil(ctx, account.id, state) > ctx.now() + BATCH_SLOT_WAIT_MS) continue;
      candidates.push({ account, state });
    }
    const batchable = candidates.slice(0, 50);
    // Each part counts toward its account's 2 calls/s, like a separate request would. An account
    // whose next slot is a moment away waits for it: alone it would wait just as long, and cost
    // a round trip of its own.
    const slots = await Promise.all(batchable.map((c) => ctx.deps.client.budget.take(c.account.id, BATCH_SLOT_WAIT_MS)));
    const parts: Array<{ account: Account; token: string; limit: number; messageLimit: number }> = [];
    for (const [i, { account, state }] of batchable.entries()) {
      if (!slots[i]) continue;
      const limits = limitsOf(ctx, state);
      parts.push({ account, token: (await ctx.deps.auth.pageTokenFor(account.id)).token, ...limits });
    }
    const first = parts[0];
    if (!first || parts.length < 2) return pages;
    const answers = await batchGet(
      ctx.deps.client,
      first.token,
      parts.map((p) => ({
        path: `/${p.account.pageId}/conversations`,
        token: p.token,
        params: conversationPageParams(p.limit, p.messageLimit),
        budgetKey: p.account.id,
      })),
    );
    answers.forEach((answer, i) => {
      const part = parts[i];
      if (!part) return;
      if (answer.error) {
        // A refusal Meta will repeat (a missing permission) is recorded as it is, and a rate
        // limit makes the account wait until Meta says it may be asked again (the budget now
        // holds that time). Anything a retry may fix (an expired token, a hiccup) is asked
        // again on its own.
        const kind = answer.error.kind;
        if (kind === 'permission' || kind === 'messaging-disabled' || kind === 'rate-limit') pages.set(part.account.id, answer.error);
        else logDiagnostic('sync', 'A part of the batch of first pages failed; the account is asked on its own', answer.error);
        return;
      }
      try {
        pages.set(part.account.id, parsePaged(answer.body, parseConversation, 'conversations'));
      } catch (e) {
        logDiagnostic('sync', 'A part of the batch of first pages was unreadable; the account is asked on its own', e);
      }
    });
  } catch (e) {
    // The batch is only a shortcut: on any failure every account syncs on its own.
    logDiagnostic('sync', 'The batch of first pages failed; every account syncs on its own', e);
  }
  return pages;
}
