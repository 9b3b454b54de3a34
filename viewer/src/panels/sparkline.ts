/** The drawing box of a sparkline, in SVG user units; `min`/`max` fix the value range (else the data's). */
export interface SparklineBox {
  width: number;
  height: number;
  /** Inset on every side so the stroke is not clipped. */
  pad?: number;
  min?: number;
  max?: number;
}

const round = (v: number): number => Math.round(v * 10) / 10;

/**
 * The `points` attribute of an SVG polyline for a series: x by index (evenly spaced) or by `xs` (e.g. times),
 * y scaled to the box with larger values higher up. Points whose value (or x) is not finite are skipped. A single
 * point draws a flat line across the box; a constant series sits in the middle.
 */
export function sparklinePoints(ys: readonly number[], box: SparklineBox, xs?: readonly number[]): string {
  const pad = box.pad ?? 1;
  const n = ys.length;
  let lo = Infinity;
  let hi = -Infinity;
  let xLo = Infinity;
  let xHi = -Infinity;
  let count = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const y = ys[i]!;
    const x = xs ? xs[i] : i;
    if (!Number.isFinite(y) || x === undefined || !Number.isFinite(x)) continue;
    if (count++ === 0) first = i;
    if (y < lo) lo = y;
    if (y > hi) hi = y;
    if (x < xLo) xLo = x;
    if (x > xHi) xHi = x;
  }
  if (count === 0) return '';
  if (box.min !== undefined) lo = box.min;
  if (box.max !== undefined) hi = box.max;
  const innerW = Math.max(0, box.width - 2 * pad);
  const innerH = Math.max(0, box.height - 2 * pad);
  const yOf = (y: number): number => {
    if (hi <= lo) return round(pad + innerH / 2);
    const clamped = Math.min(hi, Math.max(lo, y));
    return round(pad + innerH * (1 - (clamped - lo) / (hi - lo)));
  };
  if (count === 1) {
    const y = yOf(ys[first]!);
    return `${round(pad)},${y} ${round(pad + innerW)},${y}`;
  }
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const y = ys[i]!;
    const x = xs ? xs[i] : i;
    if (!Number.isFinite(y) || x === undefined || !Number.isFinite(x)) continue;
    const px = xHi > xLo ? pad + (innerW * (x - xLo)) / (xHi - xLo) : pad;
    parts.push(`${round(px)},${yOf(y)}`);
  }
  return parts.join(' ');
}

/**
 * At most `max` points of a series, evenly picked, always keeping the first and the last (the latest value
 * is the one people read). A sparkline a hundred pixels wide gains nothing from thousands of points.
 */
export function downsample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return items.slice();
  if (max <= 1) return items.length > 0 ? [items[items.length - 1]!] : [];
  const out: T[] = [];
  const step = (items.length - 1) / (max - 1);
  for (let k = 0; k < max; k++) out.push(items[Math.round(k * step)]!);
  return out;
}
