import { Attention, type BadgeState } from '@/lib/attention';

/** An Attention whose badges are kept in order (no browser), at a fixed time. */
export function recordingAttention(now = 50_000) {
  const badges: BadgeState[] = [];
  const a = new Attention({
    setBadge: async (b) => void badges.push(b),
    showNotification: async () => undefined,
    notify: () => undefined,
    now: () => now,
  });
  return { a, badges, last: () => badges[badges.length - 1] };
}
