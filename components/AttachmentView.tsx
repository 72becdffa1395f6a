import { useState } from 'preact/hooks';
import type { MessageAttachment } from '@/lib/graph/types';
import { t } from '@/lib/i18n';
import { ImageViewer } from './ImageViewer';

interface Props {
  attachment: Exclude<MessageAttachment, { type: 'share' }>;
}

/** One media attachment: image (opens larger), GIF, sticker, video, audio or file. */
export function AttachmentView({ attachment: a }: Props) {
  const [viewing, setViewing] = useState(false);
  const [broken, setBroken] = useState(false);
  if (broken) {
    return <span class="media-missing">{t('message.mediaMissing')}</span>;
  }
  switch (a.type) {
    case 'image':
      return (
        <>
          <button type="button" class="media-button" aria-label={t('message.openPhoto')} onClick={() => setViewing(true)}>
            {/* Instagram gives no description of a photo: "Photo" is all there is to say. */}
            <img class="media-thumb" src={a.previewUrl ?? a.url} alt={t('message.photo')} loading="lazy" onError={() => setBroken(true)} />
          </button>
          {viewing ? <ImageViewer src={a.url} alt={t('message.photo')} onClose={() => setViewing(false)} /> : null}
        </>
      );
    case 'gif':
      return <img class="media-thumb" src={a.url} alt={t('message.gif')} loading="lazy" onError={() => setBroken(true)} />;
    case 'sticker':
      return <img class="media-sticker" src={a.url} alt={t('message.sticker')} loading="lazy" onError={() => setBroken(true)} />;
    case 'video':
      return (
        <video
          class="media-video"
          src={a.url}
          poster={a.previewUrl ?? undefined}
          controls
          preload="metadata"
          aria-label={t('message.video')}
        >
          <a href={a.url} target="_blank" rel="noopener noreferrer">
            {t('message.openVideo')}
          </a>
        </video>
      );
    case 'audio':
      return <audio class="media-audio" src={a.url} controls preload="metadata" aria-label={t('message.voiceMessage')} />;
    case 'file':
      return (
        <a class="file-link" href={a.url} target="_blank" rel="noopener noreferrer" download={a.name ?? undefined}>
          <span aria-hidden="true">📄</span> {a.name ?? t('message.file')} <span class="muted">· {t('message.openFile')}</span>
        </a>
      );
  }
}
