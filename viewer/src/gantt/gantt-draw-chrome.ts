import { isLocalMidnight } from './gantt-axis.js';
import type { FrameState, FrameText } from './gantt-draw.js';
import type { GanttLayout } from './gantt-layout.js';
import { rowTop, type GanttGeometry } from './gantt-viewport.js';

// What frames the bars: time lines, the row labels on the left and the time axis on top.

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

/** A time line's label as a pill in the axis band, over the tick labels, kept inside the plot. */
export function drawTimeLabel(
  ctx: CanvasRenderingContext2D,
  g: GanttGeometry,
  x: number,
  colour: string,
  label: string,
): void {
  if (x < g.labelWidth || x > g.width || label === '') return;
  ctx.font = BOLD;
  const w = ctx.measureText(label).width + 10;
  const left = Math.min(g.width - w - 2, Math.max(g.labelWidth + 2, x - w / 2));
  ctx.fillStyle = colour;
  ctx.fillRect(left, 3, w, g.axisHeight - 8);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, left + 5, 3 + (g.axisHeight - 8) / 2);
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
  for (const t of ticks) {
    const tx = Math.round(x(t));
    const midnight = isLocalMidnight(t, f.offsetMs);
    ctx.fillStyle = '#8a9099';
    ctx.fillRect(tx, g.axisHeight - 6, 1, 6);
    ctx.font = midnight ? BOLD : FONT;
    ctx.fillStyle = '#2b2f36';
    ctx.fillText(text.tick(t, midnight), tx + 3, g.axisHeight / 2 - 2);
  }
  ctx.restore();
}
