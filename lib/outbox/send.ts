/**
 * Sending a text reply: checked against Meta's limits first, sent with the account's Page token,
 * then stored so list and thread show it at once. (The persistent outbox is issue #4.)
 */
import type { AuthService } from '../auth/service';
import { getAccount, getConversation } from '../db';
import { DeskError } from '../errors';
import { sendText } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { recordSentMessage } from '../sync/merge';
import { MAX_TEXT_BYTES, utf8Length } from '../format/text';

export interface SendDeps {
  client: GraphClient;
  auth: AuthService;
  now?: () => number;
}

export async function sendReply(
  deps: SendDeps,
  req: { accountId: string; conversationId: string; text: string },
): Promise<{ messageId: string }> {
  const text = req.text.trim();
  if (text === '') throw new DeskError('invalid-request', 'Type a message before sending.');
  if (utf8Length(text) > MAX_TEXT_BYTES) {
    throw new DeskError(
      'invalid-request',
      `Instagram accepts at most ${MAX_TEXT_BYTES} bytes per message. Shorten the message and send again.`,
    );
  }
  const [account, conversation] = await Promise.all([getAccount(req.accountId), getConversation(req.conversationId)]);
  if (!account || !conversation || conversation.accountId !== account.id) {
    throw new DeskError('not-found', 'This conversation is no longer in DM Desk. Refresh and try again.');
  }
  const result = await deps.auth.withPageToken(account.id, (page) =>
    sendText(deps.client, { pageId: page.pageId, pageToken: page.token, recipientId: conversation.participant.id, text }),
  );
  await recordSentMessage({
    id: result.messageId,
    conversationId: conversation.id,
    accountId: account.id,
    createdTime: (deps.now ?? Date.now)(),
    fromId: account.id,
    isOwn: true,
    text,
    kind: 'text',
    attachments: [],
    storyMention: null,
    storyReply: null,
    replyToId: null,
    reactions: [],
    isDeleted: false,
    isUnsupported: false,
  });
  return { messageId: result.messageId };
}
