import { describe, expect, it } from 'vitest';
import {
  PRESENCE_PORT,
  reportPresence,
  trackPresence,
  type PageSide,
  type PresenceMessage,
  type PresencePort,
} from '@/lib/messaging/presence';

/** Two ends of a port: what the page posts reaches the background's listeners, and closing reaches both. */
function portPair(senderId = 'ext') {
  const toBackground: Array<(m: unknown) => void> = [];
  const backgroundGone: Array<() => void> = [];
  const pageGone: Array<() => void> = [];
  const posted: PresenceMessage[] = [];
  const page: PresencePort = {
    name: PRESENCE_PORT,
    postMessage: (m) => {
      posted.push(m);
      toBackground.forEach((l) => l(m));
    },
    disconnect: () => backgroundGone.forEach((l) => l()),
    onMessage: { addListener: () => undefined },
    onDisconnect: { addListener: (l) => void pageGone.push(l) },
  };
  const background: PresencePort = {
    name: PRESENCE_PORT,
    sender: { id: senderId },
    postMessage: () => undefined,
    disconnect: () => pageGone.forEach((l) => l()),
    onMessage: { addListener: (l) => void toBackground.push(l) },
    onDisconnect: { addListener: (l) => void backgroundGone.push(l) },
  };
  return { page, background, posted, workerStopped: () => pageGone.forEach((l) => l()) };
}

function background() {
  const connectListeners: Array<(port: PresencePort) => void> = [];
  const changes: boolean[] = [];
  const tracker = trackPresence({ addListener: (l) => void connectListeners.push(l) }, 'ext', (v) => changes.push(v));
  return { tracker, changes, connect: (port: PresencePort) => connectListeners.forEach((l) => l(port)) };
}

function pageSide(bg: ReturnType<typeof background>, visible: { value: boolean }) {
  const visibilityListeners: Array<() => void> = [];
  const pairs: Array<ReturnType<typeof portPair>> = [];
  let heartbeat: (() => void) | null = null;
  const side: PageSide = {
    connect: () => {
      const pair = portPair();
      pairs.push(pair);
      bg.connect(pair.background);
      return pair.page;
    },
    visible: () => visible.value,
    onVisibilityChange: (l) => {
      visibilityListeners.push(l);
      return () => visibilityListeners.splice(visibilityListeners.indexOf(l), 1);
    },
    setTimer: (run) => ((heartbeat = run), 1),
    clearTimer: () => (heartbeat = null),
  };
  return { side, pairs, flip: () => visibilityListeners.forEach((l) => l()), beat: () => heartbeat?.() };
}

describe('page presence', () => {
  it('the background knows while at least one page is visible, and forgets a page that closes', () => {
    const bg = background();
    const a = { value: true };
    const b = { value: false };
    const first = pageSide(bg, a);
    const second = pageSide(bg, b);
    const stopA = reportPresence(first.side);
    const stopB = reportPresence(second.side);
    expect(bg.tracker.anyVisible()).toBe(true);
    a.value = false;
    first.flip();
    expect(bg.changes).toEqual([true, false]);
    b.value = true;
    second.flip();
    expect(bg.tracker.anyVisible()).toBe(true);
    stopB(); // the visible page closes: its port disconnects
    expect(bg.tracker.anyVisible()).toBe(false);
    expect(bg.changes).toEqual([true, false, true, false]);
    stopA();
  });

  it('repeats itself while visible (keeps the worker up), and connects again when the worker stopped', async () => {
    const bg = background();
    const visible = { value: true };
    const page = pageSide(bg, visible);
    const stop = reportPresence(page.side);
    page.beat();
    expect(page.pairs[0]!.posted).toEqual([{ visible: true }, { visible: true }]);
    page.pairs[0]!.workerStopped();
    await new Promise((r) => setTimeout(r, 1100));
    expect(page.pairs.length).toBe(2);
    expect(page.pairs[1]!.posted).toEqual([{ visible: true }]);
    stop();
  });

  it('ignores ports of other names or other extensions, and messages that are not presence', () => {
    const bg = background();
    const stranger = portPair('other-extension');
    bg.connect(stranger.background);
    stranger.page.postMessage({ visible: true });
    const ours = portPair();
    bg.connect(ours.background);
    (ours.page.postMessage as (m: unknown) => void)({ visible: 'yes' });
    expect(bg.tracker.anyVisible()).toBe(false);
    expect(bg.changes).toEqual([]);
  });
});
