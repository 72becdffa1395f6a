import { useState } from 'preact/hooks';
import type { MessageAttachment } from '@/lib/graph/types';
import { ImageViewer } from './ImageViewer';

interface Props {
  attachment: Exclude<MessageAttachment, { type: 'share' }>;
}

/** One media attachment: image (opens larger), GIF, sticker, video, audio or file. */
export function AttachmentView({ attachment: a }: Props) {
  const [viewing, setViewing] = useState(false);
  const [broken, setBroken] = useState(false);
  if (broken) {
    return <span class="media-missing">This media is no longer available from Instagram.</span>;
  }
  switch (a.type) {
    case 'image':
      return (
        <>
          <button type="button" class="media-button" aria-label="Open photo" onClick={() => setViewing(true)}>
            {/* Instagram gives no description of a photo: "Photo" is all there is to say. */}
            {/* eslint-disable-next-line jsx-a11y/img-redundant-alt */}
            <img class="media-thumb" src={a.previewUrl ?? a.url} alt="Photo" loading="lazy" onError={() => setBroken(true)} />
          </button>
          {viewing ? <ImageViewer src={a.url} alt="Photo" onClose={() => setViewing(false)} /> : null}
        </>
      );
    case 'gif':
      return <img class="media-thumb" src={a.url} alt="GIF" loading="lazy" onError={() => setBroken(true)} />;
    case 'sticker':
      return <img class="media-sticker" src={a.url} alt="Sticker" loading="lazy" onError={() => setBroken(true)} />;
    case 'video':
      return (
        <video class="media-video" src={a.url} poster={a.previewUrl ?? undefined} controls preload="metadata" aria-label="Video">
          <a href={a.url} target="_blank" rel="noopener noreferrer">
            Open video
          </a>
        </video>
      );
    case 'audio':
      return <audio class="media-audio" src={a.url} controls preload="metadata" aria-label="Voice message" />;
    case 'file':
      return (
        <a class="file-link" href={a.url} target="_blank" rel="noopener noreferrer" download={a.name ?? undefined}>
          <span aria-hidden="true">📄</span> {a.name ?? 'File'} <span class="muted">· Open</span>
        </a>
      );
  }
}
