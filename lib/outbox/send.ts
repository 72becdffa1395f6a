/**
 * Sending a reply: checked against Meta's limits and the reply window first, images uploaded
 * through the Attachment Upload API, then stored so list and thread show it at once.
 * (The persistent outbox is issue #4.)
 */
import type { AuthService } from '../auth/service';
import { deleteUploads, getAccount, getConversation, getUploads } from '../db';
import type { Message, MessageKind } from '../db/schema';
import { DeskError } from '../errors';
import { sendImages, sendText, uploadImage } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError } from '../graph/errors';
import { MAX_TEXT_BYTES, utf8Length } from '../format/text';
import { checkImages } from '../policy/attachments';
import { describeReplyWindow, replyWindow } from '../policy/reply-window';
import { markWindowClosed, recordSentMessage } from '../sync/merge';

export interface SendDeps {
  client: GraphClient;
  auth: AuthService;
  humanAgent: () => Promise<boolean>;
  onUploadProgress?: (p: { conversationId: string; uploadId: string; state: 'uploading' | 'uploaded' | 'failed' }) => void;
  now?: () => number;
}

export interface ReplyRequest {
  accountId: string;
  conversationId: string;
  text: string;
  uploadIds?: string[];
}

export async function sendReply(deps: SendDeps, req: ReplyRequest): Promise<{ messageIds: string[] }> {
  const now = (deps.now ?? Date.now)();
  const text = req.text.trim();
  const uploads = await getUploads(req.uploadIds ?? []);
  if (text === '' && uploads.length === 0) throw new DeskError('invalid-request', 'Type a message or add an image before sending.');
  if (utf8Length(text) > MAX_TEXT_BYTES) {
    throw new DeskError(
      'invalid-request',
      `Instagram accepts at most ${MAX_TEXT_BYTES} bytes per message. Shorten the message and send again.`,
    );
  }
  const { errors } = checkImages([], uploads);
  if (errors[0]) throw new DeskError('invalid-request', errors[0]);

  const [account, conversation] = await Promise.all([getAccount(req.accountId), getConversation(req.conversationId)]);
  if (!account || !conversation || conversation.accountId !== account.id) {
    throw new DeskError('not-found', 'This conversation is no longer in DM Desk. Refresh and try again.');
  }
  const window = replyWindow(conversation, now, await deps.humanAgent());
  if (window.state === 'closed') throw new DeskError('window-closed', describeReplyWindow(window, now));
  const target = { recipientId: conversation.participant.id, humanAgent: window.state === 'human-agent' };

  const record = async (id: string, kind: MessageKind, body: string): Promise<void> => {
    const message: Message = {
      id,
      conversationId: conversation.id,
      accountId: account.id,
      createdTime: (deps.now ?? Date.now)(),
      fromId: account.id,
      isOwn: true,
      text: body,
      kind,
      attachments: [],
      storyMention: null,
      storyReply: null,
      replyToId: null,
      reactions: [],
      isDeleted: false,
      isUnsupported: false,
      sentVia: 'dmdesk',
    };
    await recordSentMessage(message);
  };

  const messageIds: string[] = [];
  try {
    if (uploads.length > 0) {
      const attachmentIds: string[] = [];
      for (const upload of uploads) {
        deps.onUploadProgress?.({ conversationId: conversation.id, uploadId: upload.id, state: 'uploading' });
        try {
          const id = await deps.auth.withPageToken(account.id, (page) =>
            uploadImage(deps.client, { pageId: page.pageId, pageToken: page.token, blob: upload.blob, fileName: upload.name }),
          );
          attachmentIds.push(id);
          deps.onUploadProgress?.({ conversationId: conversation.id, uploadId: upload.id, state: 'uploaded' });
        } catch (e) {
          deps.onUploadProgress?.({ conversationId: conversation.id, uploadId: upload.id, state: 'failed' });
          throw e;
        }
      }
      const result = await deps.auth.withPageToken(account.id, (page) =>
        sendImages(deps.client, { pageId: page.pageId, pageToken: page.token, ...target, attachmentIds }),
      );
      messageIds.push(result.messageId);
      await record(result.messageId, 'image', '');
      await deleteUploads(uploads.map((u) => u.id));
    }
    if (text !== '') {
      const result = await deps.auth.withPageToken(account.id, (page) =>
        sendText(deps.client, { pageId: page.pageId, pageToken: page.token, ...target, text }),
      );
      messageIds.push(result.messageId);
      await record(result.messageId, 'text', text);
    }
  } catch (e) {
    if (e instanceof GraphError && e.kind === 'window-closed') {
      await markWindowClosed(conversation.id);
      throw new DeskError('window-closed', describeReplyWindow({ state: 'closed', reason: 'refused', closedAt: null }, now));
    }
    throw e;
  }
  return { messageIds };
}
