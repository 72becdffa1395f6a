/**
 * What a shared post or reel's link says about it. Meta gives a share as one URL: either an
 * instagram.com permalink (`/p/…`, `/reel/…`) or the media itself on a CDN (an image, or the
 * video of a reel). Pure rules, used by the parser (to tell a reel from a post) and the card (to
 * show the media or link to Instagram).
 */

const INSTAGRAM_HOSTS = new Set(['instagram.com', 'www.instagram.com', 'm.instagram.com', 'instagr.am', 'www.instagr.am']);

const REEL_PATH = /^\/(?:[^/]+\/)?reels?\//i;

const VIDEO_PATH = /\.(?:mp4|m4v|mov|webm)$/i;

function parsed(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : null;
  } catch {
    // Not a URL: it says nothing about the share (the card shows no link for it).
    return null;
  }
}

/** A link to a post or reel page on Instagram (not the media file itself). */
export function isInstagramPermalink(url: string | null | undefined): boolean {
  const u = parsed(url);
  return u !== null && INSTAGRAM_HOSTS.has(u.hostname.toLowerCase());
}

/** An http(s) URL of the shared media itself (a CDN URL), which can be shown in place. */
export function isShareMediaUrl(url: string | null | undefined): boolean {
  return parsed(url) !== null && !isInstagramPermalink(url);
}

/**
 * Whether the link itself says "reel": an Instagram permalink under /reel/ or /reels/ (also with
 * a username before it), or a media URL whose file is a video.
 */
export function linkSaysReel(url: string | null | undefined): boolean {
  const u = parsed(url);
  if (!u) return false;
  if (INSTAGRAM_HOSTS.has(u.hostname.toLowerCase())) return REEL_PATH.test(u.pathname);
  return VIDEO_PATH.test(u.pathname);
}
