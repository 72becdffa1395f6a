import { initialOf } from '@/lib/format/text';

interface Props {
  name: string;
  /** Stable seed (the contact's scoped id) for the colour, so two "maria"s still differ. */
  seed: string;
  size?: number;
}

function hue(seed: unknown): number {
  let h = 0;
  // A missing seed (a contact stored without id) still gets a colour rather than an error.
  for (const ch of typeof seed === 'string' ? seed : '') h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return h;
}

/** A round avatar with the first letter of the name. */
export function Avatar({ name, seed, size = 40 }: Props) {
  return (
    <span
      class="avatar"
      aria-hidden="true"
      style={{ width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.42)}px`, '--avatar-hue': String(hue(seed)) }}
    >
      {initialOf(name)}
    </span>
  );
}
