/**
 * Reacting to a received message (react/unreact sender actions). The cache changes only after
 * Meta accepted, so a failure leaves nothing to undo in the background; the UI shows its own
 * optimistic state and rolls it back.
 */
import type { AuthService } from '../auth/service';
import { getAccount, getConversation } from '../db';
import { getMessage, updateMessage } from '../db/cache-writes';
import { DeskError } from '../errors';
import { sendReaction } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import { reactionBlocker, withOwnReaction } from '../policy/reactions';

export interface ReactRequest {
  accountId: string;
  conversationId: string;
  messageId: string;
  /** null removes the account's reaction. */
  emoji: string | null;
}

export async function react(deps: { client: GraphClient; auth: AuthService }, req: ReactRequest): Promise<void> {
  const [account, conversation, message] = await Promise.all([
    getAccount(req.accountId),
    getConversation(req.conversationId),
    getMessage(req.messageId),
  ]);
  if (!account || !conversation || !message || message.conversationId !== conversation.id) {
    throw new DeskError('not-found', 'This message is no longer in DM Desk. Refresh and try again.');
  }
  const blocker = reactionBlocker(message);
  if (blocker) throw new DeskError('invalid-request', blocker);
  try {
    await deps.auth.withPageToken(account.id, (page) =>
      sendReaction(deps.client, {
        pageId: page.pageId,
        pageToken: page.token,
        // Reactions spend the account's rate budget like sends do.
        budgetKey: account.id,
        recipientId: conversation.participant.id,
        messageId: message.id,
        emoji: req.emoji,
      }),
    );
  } catch (e) {
    if (e instanceof GraphError && (e.kind === 'invalid-request' || e.kind === 'deleted')) {
      throw new DeskError(
        'invalid-request',
        'Instagram refused this reaction: the message may be unavailable, or this emoji is not accepted.',
      );
    }
    if (e instanceof GraphError && e.kind === 'rate-limit') {
      // A reaction is not queued: it shows at once and rolls back, so the person decides when to try again.
      const minutes = Math.max(1, Math.ceil((e.retryAfterMs ?? 60_000) / 60_000));
      throw new DeskError(
        'rate-limit',
        `Instagram is limiting how fast DM Desk may act for this account. Try the reaction again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
      );
    }
    throw e;
  }
  await updateMessage(message.id, (m) => ({ ...m, reactions: withOwnReaction(m.reactions, account.id, account.username, req.emoji) }));
}
