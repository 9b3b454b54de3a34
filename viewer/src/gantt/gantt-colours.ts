import { hashString } from '../util/hash-string.js';

function hex(v: number): string {
  return Math.round(v * 255)
    .toString(16)
    .padStart(2, '0');
}

/** HSL (h in degrees, s and l in 0..1) as #rrggbb. */
export function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): number => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return `#${hex(channel(0))}${hex(channel(8))}${hex(channel(4))}`;
}

/**
 * A stable colour per order: the hue from the id's hash, saturation and lightness from two more bits of it,
 * kept mid-range so white text and the red late outline stay readable. Hues near the state red are avoided.
 */
export function orderColour(order: string): string {
  const h = hashString(order);
  const hue = 20 + (h % 320); // skip 340..20°: red means late
  const saturation = 0.45 + ((h >>> 9) % 3) * 0.1;
  const lightness = 0.42 + ((h >>> 11) % 3) * 0.06;
  return hslToHex(hue, saturation, lightness);
}

/** Black or white, whichever reads better on a #rrggbb fill (WCAG relative luminance, simplified). */
export function textOn(fill: string): string {
  const channel = (i: number): number => {
    const c = parseInt(fill.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#111111' : '#ffffff';
}
