import { stateColour, type Palette } from '../palette.js';
import { axisTicks } from './gantt-axis.js';
import { textOn } from './gantt-colours.js';
import {
  FONT,
  SELECTED_ROW,
  drawAxis,
  drawRowLabels,
  drawTimeBadge,
  drawTimeLine,
  placeTimeBadge,
} from './gantt-draw-chrome.js';
import { queryVisible, type GanttLayout } from './gantt-layout.js';
import { plotWidth, rowTop, visibleRows, type GanttGeometry, type TimeRange } from './gantt-viewport.js';

export type ColourBy = 'order' | 'state';

/** Everything one frame depends on besides the layout. */
export interface FrameState {
  geometry: GanttGeometry;
  range: TimeRange;
  scroll: number;
  colourBy: ColourBy;
  palette: Palette;
  nowMs: number;
  /** The time scrubber's moment when not live. */
  cursorMs?: number;
  selectedOrder?: string;
  selectedMachine?: string;
  hoveredMachine?: string;
  /** Index of the bar under the pointer, or -1. */
  hoverBar: number;
  /** Plant time zone offset (local minus UTC) for the axis ticks. */
  offsetMs: number;
}

/** Text the frame draws, already translated and formatted by the caller (cached per tick). */
export interface FrameText {
  tick(t: number, midnight: boolean): string;
  now: string;
  cursor: string;
}

/** Buffers reused from frame to frame (no allocation per bar). */
export interface FrameScratch {
  visible: Int32Array;
  ticks: number[];
  hatch?: CanvasPattern | null;
  hatchDark?: CanvasPattern | null;
}

export function createScratch(layout: GanttLayout): FrameScratch {
  return { visible: new Int32Array(layout.bars.length), ticks: [] };
}

const GRID = '#e6e8eb';
const STRIPE = '#f7f8fa';
const HOVERED_ROW = '#eef4ff';
const MAINTENANCE = 'rgba(140, 140, 140, 0.35)';
const CURSOR = '#1f5fbf';

/** A small diagonal-stripe tile for setups (light) and maintenance (dark). */
function hatchPattern(ctx: CanvasRenderingContext2D, stroke: string): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 6;
  const g = tile.getContext('2d');
  if (!g) return null;
  g.strokeStyle = stroke;
  g.lineWidth = 1.5;
  g.beginPath();
  g.moveTo(-1, 7);
  g.lineTo(7, -1);
  g.stroke();
  return ctx.createPattern(tile, 'repeat');
}

/** Draws one frame; returns how many bars were painted. */
export function drawGantt(
  ctx: CanvasRenderingContext2D,
  layout: GanttLayout,
  f: FrameState,
  text: FrameText,
  scratch: FrameScratch,
): number {
  const g = f.geometry;
  if (scratch.hatch === undefined) scratch.hatch = hatchPattern(ctx, 'rgba(255,255,255,0.75)');
  if (scratch.hatchDark === undefined) scratch.hatchDark = hatchPattern(ctx, 'rgba(60,60,60,0.45)');
  const { firstRow, lastRow } = visibleRows(f.scroll, g, layout.rows.length);
  const span = f.range.endMs - f.range.startMs;
  const k = plotWidth(g) / span;
  const x = (t: number): number => g.labelWidth + (t - f.range.startMs) * k;

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, g.width, g.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, g.axisHeight, g.width, g.height - g.axisHeight);
  ctx.clip();
  drawRowBackgrounds(ctx, layout, f, firstRow, lastRow);

  // Plot area: grid, maintenance, bars, time lines.
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.labelWidth, g.axisHeight, g.width - g.labelWidth, g.height - g.axisHeight);
  ctx.clip();
  axisTicks(f.range.startMs, f.range.endMs, plotWidth(g), f.offsetMs, scratch.ticks);
  ctx.fillStyle = GRID;
  for (const t of scratch.ticks) ctx.fillRect(Math.round(x(t)), g.axisHeight, 1, g.height);
  for (let r = firstRow; r <= lastRow; r++) {
    const top = rowTop(r, f.scroll, g);
    for (const w of layout.rows[r]!.maintenance) {
      if (w.endMs <= f.range.startMs || w.startMs >= f.range.endMs) continue;
      const x0 = Math.max(g.labelWidth - 2, x(w.startMs));
      const x1 = Math.min(g.width + 2, x(w.endMs));
      ctx.fillStyle = MAINTENANCE;
      ctx.fillRect(x0, top + 1, x1 - x0, g.rowHeight - 2);
      if (scratch.hatchDark) {
        ctx.fillStyle = scratch.hatchDark;
        ctx.fillRect(x0, top + 1, x1 - x0, g.rowHeight - 2);
      }
    }
  }
  const painted = drawBars(ctx, layout, f, scratch, firstRow, lastRow, x);
  const nowColour = stateColour('down', f.palette);
  drawTimeLine(ctx, g, x(f.nowMs), nowColour, []);
  if (f.cursorMs !== undefined) drawTimeLine(ctx, g, x(f.cursorMs), CURSOR, [5, 3]);
  ctx.restore();

  drawRowLabels(ctx, layout, f, firstRow, lastRow);
  ctx.restore();
  const now = placeTimeBadge(ctx, g, x(f.nowMs), nowColour, text.now);
  const cursor =
    f.cursorMs === undefined ? undefined : placeTimeBadge(ctx, g, x(f.cursorMs), CURSOR, text.cursor);
  drawAxis(ctx, f, text, scratch.ticks, x, [now, cursor]);
  if (now) drawTimeBadge(ctx, g, now);
  if (cursor) drawTimeBadge(ctx, g, cursor);
  return painted;
}

function drawRowBackgrounds(
  ctx: CanvasRenderingContext2D,
  layout: GanttLayout,
  f: FrameState,
  firstRow: number,
  lastRow: number,
): void {
  const g = f.geometry;
  for (let r = firstRow; r <= lastRow; r++) {
    const row = layout.rows[r]!;
    const top = rowTop(r, f.scroll, g);
    const fill =
      row.machine === f.selectedMachine
        ? SELECTED_ROW
        : row.machine === f.hoveredMachine
          ? HOVERED_ROW
          : r % 2 === 1
            ? STRIPE
            : undefined;
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fillRect(0, top, g.width, g.rowHeight);
    }
    if (row.lineStart && r > 0) {
      ctx.fillStyle = '#b9bec6';
      ctx.fillRect(0, top, g.width, 1);
    }
  }
}

function drawBars(
  ctx: CanvasRenderingContext2D,
  layout: GanttLayout,
  f: FrameState,
  scratch: FrameScratch,
  firstRow: number,
  lastRow: number,
  x: (t: number) => number,
): number {
  const g = f.geometry;
  const n = queryVisible(
    layout,
    { startMs: f.range.startMs, endMs: f.range.endMs, firstRow, lastRow },
    scratch.visible,
  );
  const running = stateColour('running', f.palette);
  const setup = stateColour('setup', f.palette);
  const late = stateColour('down', f.palette);
  const runningText = textOn(running);
  const barHeight = g.rowHeight - 6;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  let painted = 0;
  let lastRowDrawn = -1;
  let lastPixel = -1;
  for (let j = 0; j < n; j++) {
    const i = scratch.visible[j]!;
    const bar = layout.bars[i]!;
    const xs = x(bar.setupStartMs);
    const x0 = x(bar.startMs);
    const x1 = x(bar.endMs);
    // Many bars inside one pixel (zoomed far out) paint that pixel once.
    const pixel = Math.floor(xs);
    if (x1 - xs < 1 && bar.row === lastRowDrawn && pixel === lastPixel) continue;
    lastRowDrawn = bar.row;
    lastPixel = pixel;
    painted++;
    const y = rowTop(bar.row, f.scroll, g) + 3;
    const dimmed = f.selectedOrder !== undefined && bar.order !== f.selectedOrder;
    ctx.globalAlpha = dimmed ? 0.22 : 1;
    if (x0 - xs >= 1) {
      ctx.fillStyle = f.colourBy === 'state' ? setup : bar.colour;
      ctx.fillRect(xs, y, x0 - xs, barHeight);
      if (scratch.hatch) {
        ctx.fillStyle = scratch.hatch;
        ctx.fillRect(xs, y, x0 - xs, barHeight);
      }
    }
    const w = Math.max(1, x1 - x0);
    ctx.fillStyle = f.colourBy === 'state' ? running : bar.colour;
    ctx.fillRect(x0, y, w, barHeight);
    if (bar.frozen) {
      ctx.fillStyle = 'rgba(0,0,0,0.55)';
      ctx.fillRect(xs, y + barHeight - 3, x1 - xs, 3);
    }
    if (w > 44 && g.rowHeight >= 16) {
      ctx.fillStyle = f.colourBy === 'state' ? runningText : '#ffffff';
      // Order ids first (operation names such as "turn" repeat across orders); roughly 6.2 px a character.
      const both = (bar.order.length + bar.operation.length + 3) * 6.2 < w - 6;
      if (both) ctx.fillText(`${bar.order} · ${bar.operation}`, x0 + 4, y + barHeight / 2);
      else if (bar.order.length * 6.2 < w - 6) ctx.fillText(bar.order, x0 + 4, y + barHeight / 2);
    }
    if (bar.orderLate && x1 - xs >= 3) {
      ctx.strokeStyle = late;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(xs + 0.75, y + 0.75, x1 - xs - 1.5, barHeight - 1.5);
    }
    if (bar.orderLate && bar.lastOfOrder) {
      // A red flag at the end of a late order's last operation.
      ctx.fillStyle = late;
      ctx.beginPath();
      ctx.moveTo(x1, y - 3);
      ctx.lineTo(x1 + 7, y - 3);
      ctx.lineTo(x1, y + 5);
      ctx.closePath();
      ctx.fill();
    }
    if (bar.order === f.selectedOrder || i === f.hoverBar) {
      ctx.strokeStyle = '#111111';
      ctx.lineWidth = bar.order === f.selectedOrder ? 2 : 1;
      ctx.strokeRect(xs - 1, y - 1, Math.max(1, x1 - xs) + 2, barHeight + 2);
    }
  }
  ctx.globalAlpha = 1;
  return painted;
}
