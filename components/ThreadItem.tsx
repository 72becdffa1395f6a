import { Component } from 'preact';
import type { Message } from '@/lib/db/schema';
import { t } from '@/lib/i18n';
import type { ThreadModel } from '@/lib/models/thread';
import { BrokenItem } from './BrokenItem';
import { ErrorBoundary } from './ErrorBoundary';
import { MessageBubble, type MessageBubbleProps } from './MessageBubble';

type Props = Omit<MessageBubbleProps, 'message' | 'onReact'> & {
  message: Message;
  thread: Pick<ThreadModel, 'react'>;
};

/**
 * One message of a thread, drawn again only when something it shows changed: loading a page of
 * history (or a reaction on another message) leaves the other bubbles of the window as they are.
 * A message that cannot be drawn becomes a placeholder; the rest of the thread still shows.
 */
export class ThreadItem extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    const now = this.props;
    return (
      next.message !== now.message ||
      next.thread !== now.thread ||
      next.timeZone !== now.timeZone ||
      next.now !== now.now ||
      next.accountId !== now.accountId ||
      next.customerName !== now.customerName ||
      next.replyTarget !== now.replyTarget ||
      next.status !== now.status ||
      next.dayId !== now.dayId
    );
  }

  /** The same function from one draw to the next (a new one would not change what shows). */
  private readonly onReact = (emoji: string | null): void => void this.props.thread.react(this.props.message.id, emoji);

  override render() {
    const { message: m, timeZone, now, accountId, customerName, replyTarget, status, dayId } = this.props;
    return (
      <ErrorBoundary
        what="A message could not be shown"
        resetKey={m}
        fallback={(retry) => (
          <BrokenItem as="li" className="message" label={t('thread.brokenMessage')} action={{ text: t('thread.tryAgain'), run: retry }} />
        )}
      >
        <MessageBubble
          message={m}
          timeZone={timeZone}
          now={now}
          accountId={accountId}
          customerName={customerName}
          replyTarget={replyTarget}
          status={status}
          onReact={this.onReact}
          dayId={dayId}
        />
      </ErrorBoundary>
    );
  }
}
