/**
 * Meta's messaging window: a business may reply within 24 hours of the customer's last message,
 * or within 7 days with the HUMAN_AGENT tag when its Meta app has Human Agent approval.
 */
import type { Conversation } from '../db/schema';
import { formatNumber } from '../format/numbers';
import { t } from '../i18n';

export const STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Below this the list shows a "closing soon" badge. */
export const CLOSING_SOON_MS = 3 * 60 * 60 * 1000;

export type ReplyWindow =
  /** Replies go out as normal messages until `closesAt`. */
  | { state: 'open'; closesAt: number }
  /** Past 24 h, within 7 days: replies need the HUMAN_AGENT tag (and a person typing them). */
  | { state: 'human-agent'; closesAt: number }
  | { state: 'closed'; reason: 'expired' | 'refused' | 'never-messaged'; closedAt: number | null };

export function replyWindow(conv: Pick<Conversation, 'lastInboundTime' | 'windowClosedAt'>, now: number, humanAgent: boolean): ReplyWindow {
  const last = conv.lastInboundTime;
  if (last === null) return { state: 'closed', reason: 'never-messaged', closedAt: null };
  if (conv.windowClosedAt !== null && conv.windowClosedAt >= last) return { state: 'closed', reason: 'refused', closedAt: null };
  const standardEnd = last + STANDARD_WINDOW_MS;
  if (now < standardEnd) return { state: 'open', closesAt: standardEnd };
  const agentEnd = last + HUMAN_AGENT_WINDOW_MS;
  if (humanAgent && now < agentEnd) return { state: 'human-agent', closesAt: agentEnd };
  return { state: 'closed', reason: 'expired', closedAt: humanAgent ? agentEnd : standardEnd };
}

/** "5 h", "42 min", "2 d 3 h": a short countdown. */
export function formatRemaining(ms: number): string {
  const minutes = Math.max(0, Math.ceil(ms / 60_000));
  if (minutes < 60) return t('thread.remainingMinutes', { minutes: formatNumber(minutes) });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('thread.remainingHours', { hours: formatNumber(hours) });
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest
    ? t('thread.remainingDaysHours', { days: formatNumber(days), hours: formatNumber(rest) })
    : t('thread.remainingDays', { days: formatNumber(days) });
}

/** The sentence a person reads about the window. */
export function describeReplyWindow(w: ReplyWindow, now: number): string {
  switch (w.state) {
    case 'open':
      return t('thread.windowClosesIn', { time: formatRemaining(w.closesAt - now) });
    case 'human-agent':
      return t('thread.humanAgentWindowClosesIn', { time: formatRemaining(w.closesAt - now) });
    case 'closed':
      if (w.reason === 'never-messaged') return t('thread.windowNeverMessaged');
      if (w.reason === 'refused') return t('thread.windowRefused');
      return t('thread.windowExpired');
  }
}

/** A conversation needs a reply when the customer's newest message came after the account's newest reply. */
export function needsReply(conv: Pick<Conversation, 'lastInboundTime' | 'lastReplyTime'>): boolean {
  return conv.lastInboundTime !== null && conv.lastInboundTime > (conv.lastReplyTime ?? 0);
}
