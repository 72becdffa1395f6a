// Unsending: someone takes a message back. Meta's reads show this in one of these ways, and the
// emulator can do each: the message is no longer returned at all ('vanish'), it is returned
// marked deleted (`is_deleted: true`, no text or media: 'deleted'), or it is listed with its id
// and time only ('withheld'). Fetched alone, a 'deleted' or 'withheld' one answers 9000001.
import type { Env } from './context';
import { findAccount } from './admin';

export const UNSEND_MODES = ['vanish', 'deleted', 'withheld'] as const;
export type UnsendMode = (typeof UNSEND_MODES)[number];

export interface UnsendSpec {
  /** IG username or id: the message must belong to this account's conversations. */
  account?: string;
  message_id?: string;
  mode?: string;
}

/** Unsends a message; returns its conversation, or an error string. */
export function unsend(env: Env, spec: UnsendSpec): { conversation_id: string; message_id: string; mode: UnsendMode } | string {
  const mode = (spec.mode ?? 'vanish') as UnsendMode;
  if (!UNSEND_MODES.includes(mode)) return `mode must be one of ${UNSEND_MODES.join(', ')}`;
  if (typeof spec.message_id !== 'string') return 'need {message_id, mode?, account?}';
  const ds = env.state.ds;
  const hit = ds.messages.get(spec.message_id);
  if (!hit) return `unknown message ${spec.message_id}`;
  const { conversation, message } = hit;
  if (spec.account !== undefined && findAccount(env, spec.account)?.id !== conversation.pageId) {
    return `message ${spec.message_id} is not in a conversation of ${spec.account}`;
  }
  if (mode === 'vanish') {
    conversation.messages = conversation.messages.filter((m) => m !== message);
    ds.messages.delete(message.id);
  } else {
    message.deleted = true;
    message.text = '';
    delete message.attachments;
    delete message.shares;
    delete message.story;
    message.reactions = [];
    if (mode === 'withheld') message.withheld = true;
  }
  return { conversation_id: conversation.id, message_id: message.id, mode };
}
