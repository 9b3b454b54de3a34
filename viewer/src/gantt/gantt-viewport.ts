/** A time range in epoch ms, half-open; shared by Gantts that scroll together (planner A/B). */
export interface TimeRange {
  startMs: number;
  endMs: number;
}

/** Where things are on the canvas, in CSS pixels. */
export interface GanttGeometry {
  width: number;
  height: number;
  labelWidth: number;
  axisHeight: number;
  rowHeight: number;
}

/** Narrowest and widest span a user can zoom to. */
export const MIN_SPAN_MS = 5 * 60_000;
export const MAX_SPAN_MS = 60 * 86_400_000;

export function plotWidth(g: GanttGeometry): number {
  return Math.max(1, g.width - g.labelWidth);
}

export function timeToX(range: TimeRange, g: GanttGeometry, t: number): number {
  return g.labelWidth + ((t - range.startMs) / (range.endMs - range.startMs)) * plotWidth(g);
}

export function xToTime(range: TimeRange, g: GanttGeometry, x: number): number {
  return range.startMs + ((x - g.labelWidth) / plotWidth(g)) * (range.endMs - range.startMs);
}

/** Zoom by `factor` (< 1 zooms in) keeping `centreMs` where it is on screen; the span stays within limits. */
export function zoomRange(range: TimeRange, centreMs: number, factor: number): TimeRange {
  const span = range.endMs - range.startMs;
  const next = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span * factor));
  const scale = next / span;
  const startMs = centreMs - (centreMs - range.startMs) * scale;
  return { startMs, endMs: startMs + next };
}

/** Move by a drag of `dx` pixels (to the right shows earlier times). */
export function panRange(range: TimeRange, g: GanttGeometry, dx: number): TimeRange {
  const shift = (dx / plotWidth(g)) * (range.endMs - range.startMs);
  return { startMs: range.startMs - shift, endMs: range.endMs - shift };
}

/** The range that shows [minMs, maxMs] with a margin on both sides; `fallback` when there is nothing. */
export function fitRange(minMs: number, maxMs: number, fallback: TimeRange, margin = 0.03): TimeRange {
  if (!Number.isFinite(minMs) || !Number.isFinite(maxMs)) return fallback;
  const span = Math.max(MIN_SPAN_MS, maxMs - minMs);
  const centre = (minMs + maxMs) / 2;
  const half = Math.min(MAX_SPAN_MS, span * (1 + 2 * margin)) / 2;
  return { startMs: centre - half, endMs: centre + half };
}

/** The same span centred on `t`. */
export function centreOn(range: TimeRange, t: number): TimeRange {
  const half = (range.endMs - range.startMs) / 2;
  return { startMs: t - half, endMs: t + half };
}

/** The largest vertical scroll (px) for `rows` rows. */
export function maxScroll(g: GanttGeometry, rows: number): number {
  return Math.max(0, rows * g.rowHeight - (g.height - g.axisHeight));
}

export function clampScroll(scroll: number, g: GanttGeometry, rows: number): number {
  return Math.min(maxScroll(g, rows), Math.max(0, scroll));
}

/** First and last row (inclusive) at least partly on screen; lastRow < firstRow when there are none. */
export function visibleRows(
  scroll: number,
  g: GanttGeometry,
  rows: number,
): { firstRow: number; lastRow: number } {
  const firstRow = Math.max(0, Math.floor(scroll / g.rowHeight));
  const lastRow = Math.min(rows - 1, Math.floor((scroll + g.height - g.axisHeight - 1) / g.rowHeight));
  return { firstRow, lastRow };
}

export function rowTop(row: number, scroll: number, g: GanttGeometry): number {
  return g.axisHeight + row * g.rowHeight - scroll;
}

/** The row under y, or -1 (above the rows, in the axis, or below the last). */
export function rowAtY(y: number, scroll: number, g: GanttGeometry, rows: number): number {
  if (y < g.axisHeight) return -1;
  const row = Math.floor((y - g.axisHeight + scroll) / g.rowHeight);
  return row < rows ? row : -1;
}

/** The scroll that brings `row` into view (unchanged when it is already). */
export function scrollToRow(scroll: number, g: GanttGeometry, row: number, rows: number): number {
  const top = row * g.rowHeight;
  const view = g.height - g.axisHeight;
  if (top < scroll) return clampScroll(top, g, rows);
  if (top + g.rowHeight > scroll + view) return clampScroll(top + g.rowHeight - view, g, rows);
  return scroll;
}
