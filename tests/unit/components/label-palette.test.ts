/**
 * Every label colour reads well in both themes: a chip's text (the page's own text colour, and
 * the muted count beside it) on the label's tint at 4.5:1 or more, and the dot against the tint
 * at 3:1 or more (a graphic that carries meaning).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABEL_COLORS } from '@/lib/db/schema';

const css = (file: string): string => readFileSync(path.resolve('assets/styles', file), 'utf8');

/** The custom properties of `selector` in the light part (before the dark media query) or the dark part. */
function props(source: string, selector: string, theme: 'light' | 'dark'): Record<string, string> {
  const at = source.indexOf('@media (prefers-color-scheme: dark)');
  const part = theme === 'light' ? source.slice(0, at) : source.slice(at);
  const block = new RegExp(`${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\{([^}]*)\\}`).exec(part)?.[1];
  if (!block) throw new Error(`no ${selector} in the ${theme} theme`);
  return Object.fromEntries([...block.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('label palette', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21);
    // A yellow dot on white would not pass.
    expect(contrast('#facc15', '#ffffff')).toBeLessThan(3);
  });

  for (const theme of ['light', 'dark'] as const) {
    const tokens = props(css('tokens.css'), ':root', theme);
    for (const color of LABEL_COLORS) {
      it(`${color} reads in the ${theme} theme`, () => {
        const label = props(css('labels.css'), `.label-${color}`, theme);
        expect(contrast(tokens['--text']!, label['--label-bg']!)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(tokens['--muted']!, label['--label-bg']!)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(label['--label-dot']!, label['--label-bg']!)).toBeGreaterThanOrEqual(3);
        // The dot on the page itself (the picker and the filter's unpressed buttons).
        expect(contrast(label['--label-dot']!, tokens['--bg']!)).toBeGreaterThanOrEqual(3);
      });
    }
  }
});
