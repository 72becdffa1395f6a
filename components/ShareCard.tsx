import type { MessageAttachment } from '@/lib/graph/types';

type Share = Extract<MessageAttachment, { type: 'share' }>;

const IMAGE_URL = /\.(png|jpe?g|gif|webp)(\?|$)/i;

/** A shared post or reel: a card with its preview (Meta gives only a URL) and a link to Instagram. */
export function ShareCard({ share }: { share: Share }) {
  const isImage = share.url !== null && IMAGE_URL.test(share.url);
  const label = share.isReel ? 'Reel' : 'Post';
  return (
    <div class="share-card">
      {isImage && share.url ? <img class="share-preview" src={share.url} alt={`Shared ${label.toLowerCase()}`} loading="lazy" /> : null}
      <div class="share-body">
        <span class="share-kind">Shared {label.toLowerCase()}</span>
        {share.name ? <strong class="share-title">{share.name}</strong> : null}
        {share.description ? <span class="muted">{share.description}</span> : null}
        {share.url ? (
          <a href={share.url} target="_blank" rel="noopener noreferrer">
            Open {label.toLowerCase()} on Instagram
          </a>
        ) : null}
      </div>
    </div>
  );
}
