/** Frames kept for the percentiles (at 60 fps, about 30 s). */
const CAPACITY = 2048;

export interface FrameStatsSnapshot {
  frames: number;
  windowS: number;
  fps: number;
  /** JavaScript time per frame: the frame loop (store changes applied, motion) and the render call. */
  jsMsMean: number;
  jsMsP95: number;
  jsMsMax: number;
  /** Of that, the store updates alone and the render call alone (means per frame). */
  updateMsMean: number;
  renderMsMean: number;
  longTasks: number;
  longTaskMs: number;
  /** Machine-independent work: WIP layout updates, items placed and items changed per update, WIP instances
   * written per frame (means). */
  wipUpdates: number;
  placedPerUpdate: number;
  changedPerUpdate: number;
  instancesWrittenPerFrame: number;
}

/**
 * Per-frame JavaScript time and frame rate, measured by the scene itself. Times are passed in (ms from
 * performance.now), so the arithmetic is testable; the scene feeds it.
 */
export class FrameStats {
  private readonly ms = new Float32Array(CAPACITY);
  private n = 0;
  private frames = 0;
  private sumMs = 0;
  private maxMs = 0;
  private updateMs = 0;
  private renderMs = 0;
  private pendingMs = 0;
  private startMs = 0;
  private lastMs = 0;
  private longTasks = 0;
  private longTaskMs = 0;
  private wipUpdates = 0;
  private placed = 0;
  private changed = 0;
  private written = 0;

  /** Starts a new sampling window (after a warm-up, say). */
  reset(nowMs: number): void {
    this.n =
      this.frames =
      this.sumMs =
      this.maxMs =
      this.updateMs =
      this.renderMs =
      this.longTasks =
      this.longTaskMs =
      this.wipUpdates =
      this.placed =
      this.changed =
      this.written =
        0;
    this.startMs = this.lastMs = nowMs;
  }

  /** Store updates applied within the coming frame (part of its time, counted apart as well). */
  addUpdate(ms: number): void {
    this.pendingMs += ms;
  }

  /** A WIP layout update: items whose place was computed, and items whose place changed. */
  addPlaced(placed: number, changed: number): void {
    this.wipUpdates++;
    this.placed += placed;
    this.changed += changed;
  }

  /** WIP instances written into the instance buffer. */
  addWritten(instances: number): void {
    this.written += instances;
  }

  addLongTask(durationMs: number): void {
    this.longTasks++;
    this.longTaskMs += durationMs;
  }

  /** A frame's own time (frame loop and render, of which renderMs the render call), ending at nowMs. */
  endFrame(frameMs: number, nowMs: number, renderMs = 0): void {
    this.renderMs += renderMs;
    this.updateMs += this.pendingMs;
    this.pendingMs = 0;
    this.ms[this.n % CAPACITY] = frameMs;
    this.n++;
    this.frames++;
    this.sumMs += frameMs;
    if (frameMs > this.maxMs) this.maxMs = frameMs;
    this.lastMs = nowMs;
  }

  snapshot(): FrameStatsSnapshot {
    const kept = Math.min(this.n, CAPACITY);
    const sorted = Array.from(this.ms.subarray(0, kept)).sort((a, b) => a - b);
    const windowS = Math.max(0, (this.lastMs - this.startMs) / 1000);
    const round = (v: number) => Math.round(v * 100) / 100;
    return {
      frames: this.frames,
      windowS: round(windowS),
      fps: windowS > 0 ? round(this.frames / windowS) : 0,
      jsMsMean: this.frames > 0 ? round(this.sumMs / this.frames) : 0,
      jsMsP95: kept > 0 ? round(sorted[Math.min(kept - 1, Math.floor(kept * 0.95))]!) : 0,
      jsMsMax: round(this.maxMs),
      updateMsMean: this.frames > 0 ? round(this.updateMs / this.frames) : 0,
      renderMsMean: this.frames > 0 ? round(this.renderMs / this.frames) : 0,
      longTasks: this.longTasks,
      longTaskMs: round(this.longTaskMs),
      wipUpdates: this.wipUpdates,
      placedPerUpdate: this.wipUpdates > 0 ? round(this.placed / this.wipUpdates) : 0,
      changedPerUpdate: this.wipUpdates > 0 ? round(this.changed / this.wipUpdates) : 0,
      instancesWrittenPerFrame: this.frames > 0 ? round(this.written / this.frames) : 0,
    };
  }
}
