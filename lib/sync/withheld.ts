/**
 * The third way Meta shows an unsent message: it keeps listing the id among a thread's newest
 * messages but without its details (id and time only), and fetched alone the message answers
 * 9000001 "deleted by the user or the business". A bare entry is normal for a message older than
 * the newest 20, never within them, so only those are checked: each is fetched alone (a few per
 * run, within the account's rate budget), and one Meta calls deleted is marked `isDeleted` for
 * the merge, which then keeps it as "Message was deleted" (see unsent.ts).
 */
import { getMessage as getCachedMessage } from '../db/cache-writes';
import { logDiagnostic } from '../diagnostics';
import { MESSAGE_DETAIL_LIMIT, getMessage } from '../graph/api';
import { GraphError } from '../graph/errors';
import type { GraphConversation } from '../graph/types';
import type { SyncContext } from './context';

/** Single-message reads one sync run may spend on this check. */
export const MAX_WITHHELD_CHECKS_PER_RUN = 5;

/**
 * Checks the bare entries within the newest 20 of each conversation whose cached copy still shows
 * something, and marks those Meta calls deleted. `budget.left` counts the reads still allowed.
 */
export async function markWithheldUnsent(
  ctx: SyncContext,
  accountId: string,
  conversations: GraphConversation[],
  budget: { left: number },
): Promise<void> {
  for (const conv of conversations) {
    for (const [i, entry] of conv.messages.entries()) {
      if (i >= MESSAGE_DETAIL_LIMIT) break;
      if (entry.hasDetails || entry.isDeleted) continue;
      const cached = await getCachedMessage(entry.id);
      if (!cached || cached.isDeleted) continue;
      if (budget.left <= 0 || ctx.isStopped(accountId)) return;
      budget.left -= 1;
      let deleted = false;
      try {
        const alone = await ctx.deps.auth.withPageToken(accountId, (p) =>
          getMessage(ctx.deps.client, { pageId: p.pageId, pageToken: p.token, budgetKey: accountId, messageId: entry.id }),
        );
        deleted = alone?.isDeleted === true;
      } catch (e) {
        if (e instanceof GraphError && e.kind === 'deleted') deleted = true;
        else {
          // Rate limit, network, …: the entry is checked again on a later run.
          logDiagnostic('sync', 'Could not check a message Meta listed without its details', e);
          if (e instanceof GraphError && e.kind === 'rate-limit') return;
        }
      }
      if (deleted) conv.messages[i] = { ...entry, isDeleted: true };
    }
  }
}
