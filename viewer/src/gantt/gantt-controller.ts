import type { Translate } from '../i18n/translate.js';
import type { ViewerStore } from '../store/store.js';
import { createScratch, drawGantt, type ColourBy, type FrameScratch, type FrameText } from './gantt-draw.js';
import { buildGanttLayout, findBar, hitTest, type GanttLayout } from './gantt-layout.js';
import { GanttPointer } from './gantt-pointer.js';
import type { GanttTimeRange } from './gantt-time-range.js';
import { createTickLabels, tooltipLines, type TickLabels } from './gantt-text.js';
import {
  centreOn,
  clampScroll,
  fitRange,
  rowAtY,
  rowTop,
  scrollToRow,
  timeToX,
  xToTime,
  type GanttGeometry,
} from './gantt-viewport.js';

/** What the page learns after each frame (set imperatively on elements, never React state). */
export interface GanttFrameInfo {
  planId?: string;
  barsDrawn: number;
  drawMs: number;
}

/** Draw times of recent frames, for the benchmark. */
export interface GanttDrawStats {
  frames: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  barsDrawn: number;
}

const RECENT_FRAMES = 240;
const SIZES = { labelWidth: 150, axisHeight: 26, rowHeight: 22 };

/**
 * The imperative side of a Gantt: owns the canvas and the tooltip, keeps the viewport (shared time range +
 * own vertical scroll), redraws at most once per animation frame when the plan, the store or the viewport
 * change, and turns pointer input into pans, zooms, hovers and selections. React only creates and feeds it.
 */
export class GanttController {
  layout: GanttLayout = buildGanttLayout({ plan: undefined, machines: [], orders: {} });
  planId: string | undefined;
  colourBy: ColourBy = 'order';
  t: Translate;
  onFrame: ((info: GanttFrameInfo) => void) | undefined;
  geometry: GanttGeometry = { width: 0, height: 0, ...SIZES };
  scroll = 0;
  hoverBar = -1;
  private scratch: FrameScratch = createScratch(this.layout);
  private ctx: CanvasRenderingContext2D | null;
  private frame = 0;
  private ticks: TickLabels = createTickLabels();
  private drawTimes = new Float64Array(RECENT_FRAMES);
  private frames = 0;
  private lastBars = 0;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly tooltip: HTMLDivElement,
    readonly store: ViewerStore,
    readonly range: GanttTimeRange,
    t: Translate,
  ) {
    this.t = t;
    this.ctx = canvas.getContext('2d');
    const redrawOn = store.subscribe((s, before) => {
      if (
        this.nowLineMoved(s.nowMs, before.nowMs) ||
        s.selection !== before.selection ||
        s.timeView !== before.timeView ||
        s.palette !== before.palette ||
        s.hovered !== before.hovered ||
        s.layout !== before.layout
      )
        this.requestDraw();
    });
    this.cleanups.push(
      redrawOn,
      range.subscribe(() => this.requestDraw()),
    );
    const pointer = new GanttPointer(this);
    this.cleanups.push(() => pointer.dispose());
    const resize = new ResizeObserver(([entry]) => {
      if (entry) this.resize(entry.contentRect.width, entry.contentRect.height);
    });
    resize.observe(canvas.parentElement ?? canvas);
    this.cleanups.push(() => resize.disconnect());
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    for (const c of this.cleanups) c();
  }

  setLayout(layout: GanttLayout, planId: string | undefined): void {
    this.layout = layout;
    this.planId = planId;
    this.scratch = createScratch(layout);
    this.hoverBar = -1;
    this.scroll = clampScroll(this.scroll, this.geometry, layout.rows.length);
    if (!this.range.getState().fitted && layout.bars.length > 0) this.fit();
    this.requestDraw();
  }

  /** New translations or time zone: labels are formatted again. */
  setText(t: Translate): void {
    this.t = t;
    this.ticks = createTickLabels();
    // The tooltip's lines were written in the old language: hide it; the next hover writes it anew.
    this.hover(-1, 0, 0);
    this.requestDraw();
  }

  resize(width: number, height: number): void {
    const dpr = window.devicePixelRatio || 1;
    this.geometry = { ...this.geometry, width, height };
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.scroll = clampScroll(this.scroll, this.geometry, this.layout.rows.length);
    this.draw();
  }

  fit(): void {
    const s = this.store.getState();
    const around = centreOn({ startMs: 0, endMs: 8 * 3_600_000 }, s.nowMs);
    const { startMs, endMs } = fitRange(this.layout.minMs, this.layout.maxMs, around);
    this.range.setState({ startMs, endMs, fitted: true });
  }

  goTo(t: number): void {
    this.range.setState(centreOn(this.range.getState(), t));
  }

  setScroll(scroll: number): void {
    this.scroll = clampScroll(scroll, this.geometry, this.layout.rows.length);
    this.requestDraw();
  }

  requestDraw(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** The bar under a point of the canvas (CSS px), or -1. */
  barAt(x: number, y: number): number {
    const g = this.geometry;
    if (x < g.labelWidth) return -1;
    const row = rowAtY(y, this.scroll, g, this.layout.rows.length);
    if (row < 0) return -1;
    const range = this.range.getState();
    const slop = (3 * (range.endMs - range.startMs)) / Math.max(1, g.width - g.labelWidth);
    return hitTest(this.layout, row, xToTime(range, g, x), slop);
  }

  /** The row whose label is under a point, or -1. */
  labelAt(x: number, y: number): number {
    return x < this.geometry.labelWidth ? rowAtY(y, this.scroll, this.geometry, this.layout.rows.length) : -1;
  }

  /** Shows the tooltip of a bar next to the pointer (or hides it with -1). */
  hover(bar: number, x: number, y: number): void {
    if (bar !== this.hoverBar) {
      this.hoverBar = bar;
      if (bar >= 0) {
        const s = this.store.getState();
        const lines = tooltipLines(this.layout, bar, this.t, s.locale, s.layout?.site.timezone);
        this.tooltip.replaceChildren(
          ...lines.map((line, i) => {
            const div = document.createElement('div');
            div.textContent = line;
            if (i === 0) div.style.fontWeight = 'bold';
            return div;
          }),
        );
      }
      this.tooltip.style.display = bar >= 0 ? 'block' : 'none';
      this.requestDraw();
    }
    if (bar >= 0) {
      const left = Math.min(x + 14, this.geometry.width - this.tooltip.offsetWidth - 4);
      const top =
        y + 16 + this.tooltip.offsetHeight > this.geometry.height
          ? y - this.tooltip.offsetHeight - 8
          : y + 16;
      this.tooltip.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, top)}px)`;
    }
  }

  /**
   * Where an operation's bar is on the page (client px), scrolling and panning to bring it into view first;
   * undefined when the plan has no such operation.
   */
  barScreenPosition(order: string, operation: string): { x: number; y: number } | undefined {
    const bar = this.layout.bars[findBar(this.layout, order, operation)];
    if (!bar) return undefined;
    const g = this.geometry;
    this.scroll = scrollToRow(this.scroll, g, bar.row, this.layout.rows.length);
    let range = this.range.getState();
    if (bar.endMs <= range.startMs || bar.startMs >= range.endMs) {
      this.range.setState(centreOn(range, (bar.startMs + bar.endMs) / 2));
      range = this.range.getState();
    }
    this.draw();
    const x0 = Math.max(g.labelWidth + 1, timeToX(range, g, bar.startMs));
    const x1 = Math.min(g.width - 1, timeToX(range, g, bar.endMs));
    const box = this.canvas.getBoundingClientRect();
    return { x: box.left + (x0 + x1) / 2, y: box.top + rowTop(bar.row, this.scroll, g) + g.rowHeight / 2 };
  }

  stats(): GanttDrawStats {
    const n = Math.min(this.frames, RECENT_FRAMES);
    const times = Array.from(this.drawTimes.subarray(0, n)).sort((a, b) => a - b);
    const sum = times.reduce((a, b) => a + b, 0);
    return {
      frames: this.frames,
      meanMs: n > 0 ? sum / n : 0,
      p95Ms: times[Math.min(n - 1, Math.floor(n * 0.95))] ?? 0,
      maxMs: times[n - 1] ?? 0,
      barsDrawn: this.lastBars,
    };
  }

  /** The plant clock ticks with every stream message; redraw only when the now-line moves half a pixel. */
  private nowLineMoved(now: number, before: number): boolean {
    if (now === before) return false;
    const range = this.range.getState();
    const g = this.geometry;
    return Math.abs(timeToX(range, g, now) - timeToX(range, g, before)) >= 0.5;
  }

  resetStats(): void {
    this.frames = 0;
  }

  draw(): void {
    const ctx = this.ctx;
    const g = this.geometry;
    if (!ctx || g.width <= 0 || g.height <= 0) return;
    const began = performance.now();
    const s = this.store.getState();
    const range = this.range.getState();
    const tz = s.layout?.site.timezone;
    const cursorMs = s.timeView.mode === 'live' ? undefined : s.timeView.atMs;
    const text: FrameText = {
      tick: (t, midnight) => this.ticks.label(t, midnight, s.locale, tz),
      now: this.t('gantt.nowLine'),
      cursor:
        s.timeView.mode === 'live'
          ? ''
          : this.t(`gantt.cursor.${s.timeView.mode}`, {
              time: this.ticks.label(s.timeView.atMs, false, s.locale, tz),
            }),
    };
    const dpr = this.canvas.width / Math.max(1, g.width);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.lastBars = drawGantt(
      ctx,
      this.layout,
      {
        geometry: g,
        range,
        scroll: this.scroll,
        colourBy: this.colourBy,
        palette: s.palette,
        nowMs: s.nowMs,
        ...(cursorMs !== undefined && { cursorMs }),
        ...(s.selection.order !== undefined && { selectedOrder: s.selection.order }),
        ...(s.selection.machine !== undefined && { selectedMachine: s.selection.machine }),
        ...(s.hovered !== undefined && { hoveredMachine: s.hovered }),
        hoverBar: this.hoverBar,
        offsetMs: this.ticks.offset(range.startMs, tz),
      },
      text,
      this.scratch,
    );
    const drawMs = performance.now() - began;
    this.drawTimes[this.frames % RECENT_FRAMES] = drawMs;
    this.frames++;
    this.onFrame?.({
      ...(this.planId !== undefined && { planId: this.planId }),
      barsDrawn: this.lastBars,
      drawMs,
    });
  }
}
