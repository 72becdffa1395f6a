/**
 * Reacting to a received message (react/unreact sender actions). The cache changes only after
 * Meta accepted, so a failure leaves nothing to undo in the background; the UI shows its own
 * optimistic state and rolls it back.
 */
import type { AuthService } from '../auth/service';
import { getAccount, getConversation } from '../db';
import { getMessage, updateMessage } from '../db/cache-writes';
import { DeskError } from '../errors';
import { formatNumber } from '../format/numbers';
import { sendReaction } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import { t } from '../i18n';
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
    throw new DeskError('not-found', t('errors.messageGoneRefresh'));
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
      throw new DeskError('invalid-request', t('errors.reactionRefused'));
    }
    if (e instanceof GraphError && e.kind === 'rate-limit') {
      // A reaction is not queued: it shows at once and rolls back, so the person decides when to try again.
      const minutes = Math.max(1, Math.ceil((e.retryAfterMs ?? 60_000) / 60_000));
      throw new DeskError('rate-limit', t('errors.reactionRateLimited', minutes, { count: formatNumber(minutes) }));
    }
    throw e;
  }
  await updateMessage(message.id, (m) => ({ ...m, reactions: withOwnReaction(m.reactions, account.id, account.username, req.emoji) }));
}
