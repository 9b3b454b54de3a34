import type { GanttController } from './gantt-controller.js';
import { panRange, xToTime, zoomRange, type TimeRange } from './gantt-viewport.js';

/** Pixels a pointer may move between down and up and still count as a click. */
const CLICK_SLOP = 4;
/** Zoom per pixel of wheel delta: one notch (100 px) zooms by about 16 %. */
const ZOOM_PER_PX = 0.0017;

/**
 * Pointer input of a Gantt canvas: drag pans (time and rows), wheel zooms around the pointer (shift + wheel,
 * or the wheel over the row labels, scrolls rows), hover shows the tooltip, click selects. Everything writes
 * the viewport and asks for a redraw; nothing goes through React.
 */
export class GanttPointer {
  private down: { x: number; y: number; range: TimeRange; scroll: number; id: number } | undefined;
  private dragged = false;
  private readonly listeners: [string, (e: never) => void, AddEventListenerOptions?][] = [];

  constructor(private readonly c: GanttController) {
    this.listen('pointerdown', (e: PointerEvent) => this.onDown(e));
    this.listen('pointermove', (e: PointerEvent) => this.onMove(e));
    this.listen('pointerup', (e: PointerEvent) => this.onUp(e));
    this.listen('pointercancel', () => this.end());
    this.listen('pointerleave', () => {
      if (!this.down) this.c.hover(-1, 0, 0);
    });
    // Not passive: the wheel zooms the chart instead of scrolling the page.
    this.listen('wheel', (e: WheelEvent) => this.onWheel(e), { passive: false });
  }

  dispose(): void {
    for (const [type, fn] of this.listeners) this.c.canvas.removeEventListener(type, fn as EventListener);
  }

  private listen<E extends Event>(type: string, fn: (e: E) => void, options?: AddEventListenerOptions): void {
    this.c.canvas.addEventListener(type, fn as EventListener, options);
    this.listeners.push([type, fn as (e: never) => void, options]);
  }

  private local(e: MouseEvent): { x: number; y: number } {
    const box = this.c.canvas.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const { x, y } = this.local(e);
    this.down = { x, y, range: this.c.range.getState(), scroll: this.c.scroll, id: e.pointerId };
    this.dragged = false;
    this.c.canvas.setPointerCapture(e.pointerId);
  }

  private onMove(e: PointerEvent): void {
    const { x, y } = this.local(e);
    const down = this.down;
    if (!down) {
      this.c.hover(this.c.barAt(x, y), x, y);
      this.c.canvas.style.cursor = this.c.hoverBar >= 0 || this.c.labelAt(x, y) >= 0 ? 'pointer' : 'grab';
      return;
    }
    const dx = x - down.x;
    const dy = y - down.y;
    if (!this.dragged && Math.abs(dx) + Math.abs(dy) < CLICK_SLOP) return;
    if (!this.dragged) {
      this.dragged = true;
      this.c.hover(-1, 0, 0);
      this.c.canvas.style.cursor = 'grabbing';
    }
    this.c.range.setState(panRange(down.range, this.c.geometry, dx));
    this.c.setScroll(down.scroll - dy);
  }

  private onUp(e: PointerEvent): void {
    const down = this.down;
    if (!down) return;
    const wasClick = !this.dragged;
    this.end();
    if (!wasClick) return;
    const { x, y } = this.local(e);
    const { store, layout } = this.c;
    const label = this.c.labelAt(x, y);
    if (label >= 0) {
      store.setState({ selection: { machine: layout.rows[label]!.machine }, sidePanel: 'machine' });
      return;
    }
    const bar = layout.bars[this.c.barAt(x, y)];
    if (bar) store.setState({ selection: { order: bar.order, machine: bar.machine }, sidePanel: 'order' });
  }

  private end(): void {
    if (this.down && this.c.canvas.hasPointerCapture(this.down.id))
      this.c.canvas.releasePointerCapture(this.down.id);
    this.down = undefined;
    this.dragged = false;
    this.c.canvas.style.cursor = 'grab';
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const { x } = this.local(e);
    // Lines or pages (Firefox) to pixels, roughly.
    const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.c.geometry.height : 1;
    if (e.shiftKey || x < this.c.geometry.labelWidth) {
      this.c.setScroll(this.c.scroll + (e.deltaY || e.deltaX) * scale);
      return;
    }
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      this.c.range.setState(panRange(this.c.range.getState(), this.c.geometry, -e.deltaX * scale));
      return;
    }
    const range = this.c.range.getState();
    const centre = xToTime(range, this.c.geometry, x);
    this.c.range.setState(zoomRange(range, centre, Math.exp(e.deltaY * scale * ZOOM_PER_PX)));
  }
}
