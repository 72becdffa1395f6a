import { useState } from 'preact/hooks';
import { isShareMediaUrl } from '@/lib/format/shares';
import { safeHttpUrl } from '@/lib/graph/read';
import type { MessageAttachment } from '@/lib/graph/types';
import { t } from '@/lib/i18n';
import { ImageViewer } from './ImageViewer';

type Share = Extract<MessageAttachment, { type: 'share' }>;

/** What a shared media URL turned out to be: tried as an image first, then as a video. */
type Shown = 'image' | 'video' | 'unavailable';

/**
 * What each media URL was found to be, so a card drawn again (the thread only keeps the rows in
 * view) shows the media at once, at its size, without trying the image again.
 */
const found = new Map<string, Shown>();
const FOUND_MAX = 500;

function remember(url: string, shown: Shown): void {
  if (found.size >= FOUND_MAX) found.clear();
  found.set(url, shown);
}

/**
 * A shared post or reel. Meta gives only a URL: an instagram.com permalink becomes a card that
 * opens it; the media itself (a CDN URL) is shown in place, as an image, or as a video when it
 * does not load as one (a reel), or says "Preview unavailable" when it loads as neither.
 */
export function ShareCard({ share }: { share: Share }) {
  // Only http(s) is ever loaded or linked, whatever the stored record holds.
  const link = safeHttpUrl(share.url);
  const media = isShareMediaUrl(link) ? link : null;
  const [shown, setShown] = useState<Shown>(() => (media ? (found.get(media) ?? 'image') : 'unavailable'));
  const [viewing, setViewing] = useState(false);
  const settle = (next: Shown): void => {
    if (media) remember(media, next);
    setShown(next);
  };
  // A media URL that plays as a video is a reel, whatever else Meta said.
  const reel = share.isReel || (media !== null && shown === 'video');
  const label = reel ? t('message.sharedReel') : t('message.sharedPost');
  return (
    <div class="share-card">
      {media && shown === 'image' ? (
        <>
          <button
            type="button"
            class="media-button"
            aria-label={reel ? t('message.openSharedReelLarger') : t('message.openSharedPostLarger')}
            onClick={() => setViewing(true)}
          >
            <img class="share-preview" src={media} alt={label} loading="lazy" onError={() => settle('video')} />
          </button>
          {viewing ? <ImageViewer src={media} alt={label} onClose={() => setViewing(false)} /> : null}
        </>
      ) : null}
      {media && shown === 'video' ? (
        <video
          class="share-preview share-video"
          src={media}
          controls
          playsInline
          preload="metadata"
          aria-label={label}
          onError={() => settle('unavailable')}
        />
      ) : null}
      <div class="share-body">
        <span class="share-kind">{label}</span>
        {media && shown === 'unavailable' ? <span class="share-unavailable">{t('message.previewUnavailable')}</span> : null}
        {share.name ? <strong class="share-title">{share.name}</strong> : null}
        {share.description ? <span class="muted">{share.description}</span> : null}
        {link ? (
          <a href={link} target="_blank" rel="noopener noreferrer">
            {media
              ? reel
                ? t('message.openReel')
                : t('message.openPost')
              : reel
                ? t('message.openReelOnInstagram')
                : t('message.openPostOnInstagram')}
          </a>
        ) : null}
      </div>
    </div>
  );
}
