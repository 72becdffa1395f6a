/** A pushpin (pinned conversations); decorative. */
export function PinIcon({ size = 14 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
      <path d="M15 3l6 6-2.5 1-3.5 3.5.5 4.5-1.5 1.5-4-4L5 20l-1-1 4.5-5-4-4L6 8.5l4.5.5L14 5.5z" />
    </svg>
  );
}
