import { describe, expect, it } from 'vitest';
import {
  MAX_SPAN_MS,
  MIN_SPAN_MS,
  clampScroll,
  fitRange,
  panRange,
  rowAtY,
  scrollToRow,
  timeToX,
  visibleRows,
  xToTime,
  zoomRange,
  type GanttGeometry,
} from './gantt-viewport.js';

const G: GanttGeometry = { width: 1100, height: 246, labelWidth: 100, axisHeight: 26, rowHeight: 22 };
const H = 3_600_000;
const RANGE = { startMs: 10 * H, endMs: 20 * H };

describe('gantt viewport', () => {
  it('maps time to x and back over the plot (right of the labels)', () => {
    expect(timeToX(RANGE, G, RANGE.startMs)).toBe(100);
    expect(timeToX(RANGE, G, RANGE.endMs)).toBe(1100);
    expect(timeToX(RANGE, G, 15 * H)).toBe(600);
    expect(xToTime(RANGE, G, timeToX(RANGE, G, 13.25 * H))).toBeCloseTo(13.25 * H, 3);
  });

  it('zooms around the pointer: the time under it stays under it', () => {
    const centre = xToTime(RANGE, G, 350);
    const zoomed = zoomRange(RANGE, centre, 0.5);
    expect(zoomed.endMs - zoomed.startMs).toBe(5 * H);
    expect(timeToX(zoomed, G, centre)).toBeCloseTo(350, 6);
    const out = zoomRange(RANGE, centre, 2);
    expect(timeToX(out, G, centre)).toBeCloseTo(350, 6);
  });

  it('keeps the span between its limits', () => {
    expect(zoomRange(RANGE, 15 * H, 1e-6).endMs - zoomRange(RANGE, 15 * H, 1e-6).startMs).toBe(MIN_SPAN_MS);
    const wide = zoomRange(RANGE, 15 * H, 1e6);
    expect(wide.endMs - wide.startMs).toBe(MAX_SPAN_MS);
  });

  it('pans by the time a drag covers (dragging right shows earlier times)', () => {
    const panned = panRange(RANGE, G, 100);
    expect(panned.startMs).toBe(9 * H);
    expect(panned.endMs).toBe(19 * H);
  });

  it('fits an extent with a margin, and falls back without one', () => {
    const fit = fitRange(10 * H, 20 * H, RANGE, 0.05);
    expect(fit.startMs).toBeCloseTo(9.5 * H);
    expect(fit.endMs).toBeCloseTo(20.5 * H);
    expect(fitRange(NaN, NaN, RANGE)).toBe(RANGE);
  });

  it('finds rows on screen and under a point, and scrolls a row into view', () => {
    // 220 px of rows: 10 rows of 22 px.
    expect(visibleRows(0, G, 100)).toEqual({ firstRow: 0, lastRow: 9 });
    expect(visibleRows(33, G, 100)).toEqual({ firstRow: 1, lastRow: 11 });
    expect(visibleRows(0, G, 4)).toEqual({ firstRow: 0, lastRow: 3 });
    expect(rowAtY(20, 0, G, 100)).toBe(-1);
    expect(rowAtY(26 + 22 * 3 + 1, 0, G, 100)).toBe(3);
    expect(rowAtY(26 + 22 * 3 + 1, 44, G, 100)).toBe(5);
    expect(rowAtY(26 + 22 * 5, 0, G, 5)).toBe(-1);
    expect(clampScroll(1e9, G, 100)).toBe(100 * 22 - 220);
    expect(clampScroll(50, G, 3)).toBe(0);
    expect(scrollToRow(0, G, 50, 100)).toBe(51 * 22 - 220);
    expect(scrollToRow(51 * 22 - 220, G, 45, 100)).toBe(51 * 22 - 220);
    expect(scrollToRow(500, G, 2, 100)).toBe(44);
  });
});
