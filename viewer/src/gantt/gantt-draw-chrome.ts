import { isLocalMidnight } from './gantt-axis.js';
import type { FrameState, FrameText } from './gantt-draw.js';
import type { GanttLayout } from './gantt-layout.js';
import { rowTop, type GanttGeometry } from './gantt-viewport.js';

// What frames the bars: time lines, the row labels on the left and the time axis on top (with the badges of
// the now-line and the scrubber's cursor).

export const SELECTED_ROW = '#fff3cf';
export const FONT = '11px system-ui, "Noto Sans CJK SC", sans-serif';
export const BOLD = 'bold 11px system-ui, "Noto Sans CJK SC", sans-serif';

export function drawTimeLine(
  ctx: CanvasRenderingContext2D,
  g: GanttGeometry,
  x: number,
  colour: string,
  dash: number[],
): void {
  if (x < g.labelWidth || x > g.width) return;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(Math.round(x), g.axisHeight);
  ctx.lineTo(Math.round(x), g.height);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Where a time line's label (a pill in the axis band) goes: left edge and width in pixels. */
export interface TimeBadge {
  left: number;
  width: number;
  colour: string;
  label: string;
}

/** The pill centred on its line and kept inside the plot; undefined when the line is out of view. */
export function placeTimeBadge(
  ctx: CanvasRenderingContext2D,
  g: GanttGeometry,
  x: number,
  colour: string,
  label: string,
): TimeBadge | undefined {
  if (x < g.labelWidth || x > g.width || label === '') return undefined;
  ctx.font = BOLD;
  const width = ctx.measureText(label).width + 10;
  const left = Math.min(g.width - width - 2, Math.max(g.labelWidth + 2, x - width / 2));
  return { left, width, colour, label };
}

export function drawTimeBadge(ctx: CanvasRenderingContext2D, g: GanttGeometry, b: TimeBadge): void {
  ctx.font = BOLD;
  ctx.fillStyle = b.colour;
  ctx.fillRect(b.left, 3, b.width, g.axisHeight - 8);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.fillText(b.label, b.left + 5, 3 + (g.axisHeight - 8) / 2);
}

/** The badge the span [left, right] comes within a few pixels of, if any. */
function badgeOver(
  left: number,
  right: number,
  badges: readonly (TimeBadge | undefined)[],
): TimeBadge | undefined {
  for (const b of badges) if (b && left < b.left + b.width + 3 && right > b.left - 3) return b;
  return undefined;
}

/**
 * Where a tick label of the given width starts: just right of its tick, or, when a badge covers that, just right
 * of the badge if it still ends before the next tick (a label names the span from its tick on, so it still reads
 * right); NaN when there is no room for it.
 */
export function tickLabelLeft(
  tickX: number,
  width: number,
  nextTickX: number,
  badges: readonly (TimeBadge | undefined)[],
): number {
  let left = tickX + 3;
  for (let tries = 0; tries <= badges.length; tries++) {
    const b = badgeOver(left, left + width, badges);
    if (!b) return left + width < nextTickX - 3 || tries === 0 ? left : NaN;
    left = Math.max(left, b.left + b.width + 4);
  }
  return NaN;
}

export function drawRowLabels(
  ctx: CanvasRenderingContext2D,
  layout: GanttLayout,
  f: FrameState,
  firstRow: number,
  lastRow: number,
): void {
  const g = f.geometry;
  ctx.fillStyle = '#f1f3f5';
  ctx.fillRect(0, g.axisHeight, g.labelWidth, g.height - g.axisHeight);
  ctx.fillStyle = '#c9ced6';
  ctx.fillRect(g.labelWidth - 1, g.axisHeight, 1, g.height - g.axisHeight);
  ctx.textBaseline = 'middle';
  for (let r = firstRow; r <= lastRow; r++) {
    const row = layout.rows[r]!;
    const top = rowTop(r, f.scroll, g);
    const selected = row.machine === f.selectedMachine;
    if (selected) {
      ctx.fillStyle = SELECTED_ROW;
      ctx.fillRect(0, top, g.labelWidth - 1, g.rowHeight);
    }
    if (row.lineStart && r > 0) {
      ctx.fillStyle = '#b9bec6';
      ctx.fillRect(0, top, g.labelWidth, 1);
    }
    ctx.font = selected ? BOLD : FONT;
    ctx.fillStyle = '#2b2f36';
    ctx.fillText(fit(ctx, row.name, g.labelWidth - 12), 6, top + g.rowHeight / 2);
  }
}

/** The text cut with an ellipsis to fit a width (row labels only: a few dozen per frame). */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let n = text.length - 1;
  while (n > 1 && ctx.measureText(`${text.slice(0, n)}…`).width > width) n--;
  return `${text.slice(0, n)}…`;
}

export function drawAxis(
  ctx: CanvasRenderingContext2D,
  f: FrameState,
  text: FrameText,
  ticks: readonly number[],
  x: (t: number) => number,
  badges: readonly (TimeBadge | undefined)[],
): void {
  const g = f.geometry;
  ctx.fillStyle = '#f1f3f5';
  ctx.fillRect(0, 0, g.width, g.axisHeight);
  ctx.fillStyle = '#c9ced6';
  ctx.fillRect(0, g.axisHeight - 1, g.width, 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.labelWidth, 0, g.width - g.labelWidth, g.axisHeight);
  ctx.clip();
  ctx.textBaseline = 'middle';
  for (let i = 0; i < ticks.length; i++) {
    const t = ticks[i]!;
    const tx = Math.round(x(t));
    const midnight = isLocalMidnight(t, f.offsetMs);
    ctx.fillStyle = '#8a9099';
    ctx.fillRect(tx, g.axisHeight - 6, 1, 6);
    ctx.font = midnight ? BOLD : FONT;
    const label = text.tick(t, midnight);
    // A badge drawn over a tick label would leave it half hidden: move the label past it, or leave it out.
    const next = i + 1 < ticks.length ? x(ticks[i + 1]!) : Infinity;
    const left = tickLabelLeft(tx, ctx.measureText(label).width, next, badges);
    if (Number.isNaN(left)) continue;
    ctx.fillStyle = '#2b2f36';
    ctx.fillText(label, left, g.axisHeight / 2 - 2);
  }
  ctx.restore();
}
