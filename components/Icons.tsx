/** Inline SVG icons; decorative unless given a title. */
interface IconProps {
  size?: number;
}

const svg = (size: number, children: preact.ComponentChildren) => (
  <svg
    width={size}
    height={size}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    {children}
  </svg>
);

export function InstagramIcon({ size = 16 }: IconProps) {
  return svg(
    size,
    <>
      <rect x="3" y="3" width="18" height="18" rx="5" />
      <circle cx="12" cy="12" r="4" />
      <circle cx="17.5" cy="6.5" r="0.6" fill="currentColor" />
    </>,
  );
}

export function RefreshIcon({ size = 18 }: IconProps) {
  return svg(
    size,
    <>
      <path d="M21 12a9 9 0 1 1-2.64-6.36" />
      <path d="M21 3v6h-6" />
    </>,
  );
}

export function ClockIcon({ size = 14 }: IconProps) {
  return svg(
    size,
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>,
  );
}

export function SendIcon({ size = 18 }: IconProps) {
  return svg(
    size,
    <>
      <path d="M22 2 11 13" />
      <path d="M22 2 15 22l-4-9-9-4 20-7z" />
    </>,
  );
}

export function BackIcon({ size = 18 }: IconProps) {
  return svg(size, <path d="M15 18l-6-6 6-6" />);
}

export function DownIcon({ size = 16 }: IconProps) {
  return svg(size, <path d="M6 9l6 6 6-6" />);
}

export function AlertIcon({ size = 28 }: IconProps) {
  return svg(
    size,
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 8v5" />
      <path d="M12 16h.01" />
    </>,
  );
}

export function InboxIcon({ size = 28 }: IconProps) {
  return svg(
    size,
    <>
      <path d="M4 13h4l2 3h4l2-3h4" />
      <path d="M5 5h14l2 8v6H3v-6z" />
    </>,
  );
}

export function Spinner({ size = 16 }: IconProps) {
  return <span class="spinner" style={{ width: `${size}px`, height: `${size}px` }} aria-hidden="true" />;
}
