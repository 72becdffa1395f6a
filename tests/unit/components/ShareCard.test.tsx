import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ShareCard } from '@/components/ShareCard';
import type { MessageAttachment } from '@/lib/graph/types';

afterEach(cleanup);

type Share = Extract<MessageAttachment, { type: 'share' }>;
let n = 0;
/** Each test its own URL: the card remembers what a URL turned out to be. */
const share = (over: Partial<Share> = {}): Share => ({
  type: 'share',
  url: `https://cdn.example/asset-${++n}`,
  name: null,
  description: null,
  isReel: false,
  ...over,
});

describe('ShareCard', () => {
  it('shows a media URL as an image first', () => {
    const s = share({ name: 'Pour-over' });
    const { container } = render(<ShareCard share={s} />);
    expect(container.querySelector('img')?.getAttribute('src')).toBe(s.url);
    expect(screen.getByText('Shared post')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open post' }).getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('what does not load as an image is tried as a video, and a video is a reel', () => {
    const s = share();
    const { container } = render(<ShareCard share={s} />);
    fireEvent.error(container.querySelector('img')!);
    const video = container.querySelector('video');
    expect(video?.getAttribute('src')).toBe(s.url);
    expect(video?.hasAttribute('controls')).toBe(true);
    expect(screen.getByText('Shared reel')).toBeTruthy();
    expect(screen.queryByText('Preview unavailable')).toBeNull();
  });

  it('loads as neither: says "Preview unavailable" and keeps the link', () => {
    const s = share({ isReel: true });
    const { container } = render(<ShareCard share={s} />);
    fireEvent.error(container.querySelector('img')!);
    fireEvent.error(container.querySelector('video')!);
    expect(container.querySelector('img, video')).toBeNull();
    expect(screen.getByText('Preview unavailable')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open reel' }).getAttribute('href')).toBe(s.url);
  });

  it('a card drawn again shows what its media turned out to be at once', () => {
    const s = share();
    const first = render(<ShareCard share={s} />);
    fireEvent.error(first.container.querySelector('img')!);
    first.unmount();
    const again = render(<ShareCard share={s} />);
    expect(again.container.querySelector('img')).toBeNull();
    expect(again.container.querySelector('video')).not.toBeNull();
  });

  it('an Instagram permalink is a card that opens it, with nothing loaded in place', () => {
    const { container } = render(<ShareCard share={share({ url: 'https://www.instagram.com/reel/Cxyz/', isReel: true })} />);
    expect(container.querySelector('img, video')).toBeNull();
    expect(screen.getByText('Shared reel')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open reel on Instagram' })).toBeTruthy();
    expect(screen.queryByText('Preview unavailable')).toBeNull();
  });

  it('never loads or links a URL that is not http(s)', () => {
    const { container } = render(<ShareCard share={share({ url: 'javascript:alert(1)', name: 'x' })} />);
    expect(container.querySelector('img, video, a')).toBeNull();
  });
});
