import { useState } from 'preact/hooks';
import type { StoryRef } from '@/lib/graph/types';
import { t } from '@/lib/i18n';

/** Instagram stories disappear after 24 hours; their media URL then stops working. */
const STORY_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface Props {
  story: StoryRef;
  kind: 'mention' | 'reply';
  /** Who wrote the message, for "maria mentioned you in their story". */
  author: string;
  isOwn: boolean;
  createdTime: number;
  now: number;
}

/** The story a message mentions or answers. Only its URL is kept; once gone, a placeholder shows. */
export function StoryCard({ story, kind, author, isOwn, createdTime, now }: Props) {
  const [failed, setFailed] = useState(false);
  const expired = now - createdTime > STORY_LIFETIME_MS;
  const caption =
    kind === 'mention'
      ? isOwn
        ? t('message.youMentionedThem')
        : t('message.mentionedYou', { name: author })
      : isOwn
        ? t('message.youRepliedToStory')
        : t('message.repliedToYourStory');
  const available = story.url !== null && !expired && !failed;
  return (
    <div class={`story-card ${kind}`}>
      <span class="story-caption">{caption}</span>
      {available ? (
        <a href={story.url ?? undefined} target="_blank" rel="noopener noreferrer" class="story-link" aria-label={t('message.openStory')}>
          <img class="story-media" src={story.url ?? undefined} alt={t('message.story')} loading="lazy" onError={() => setFailed(true)} />
        </a>
      ) : (
        <span class="story-gone">{t('message.storyGone')}</span>
      )}
    </div>
  );
}
