import { t } from '@/lib/i18n';
import { CLOSING_SOON_MS, describeReplyWindow, type ReplyWindow } from '@/lib/policy/reply-window';
import { ClockIcon } from './Icons';

interface Props {
  window: ReplyWindow;
  now: number;
}

/** "Reply window closes in 5 h" in the thread header; urgent when little time is left. */
export function ReplyWindowNotice({ window: w, now }: Props) {
  if (w.state === 'closed') {
    return (
      <span class="window-notice closed">
        <ClockIcon /> {t('thread.windowClosed')}
      </span>
    );
  }
  const urgent = w.closesAt - now < CLOSING_SOON_MS;
  return (
    <span class={`window-notice${urgent ? ' urgent' : ''}`} role="timer">
      <ClockIcon /> {describeReplyWindow(w, now)}
    </span>
  );
}
