import type { LayoutView } from '../api/types.js';

/**
 * AGV motion, derived from WIP moves. The embedded plant (and the twin's stream) sends no AGV positions, so
 * this is a picture, not telemetry: when a WIP item moves between two places more than a few metres apart,
 * the nearest free AGV serving that line drives home → from → to → home along the aisle it parks in, at its
 * rated speed times a visual factor. A move with no free AGV is not carried (the item still moves).
 */

/** Moves shorter than this are a hand, a robot or a conveyor, not a vehicle. */
const AGV_MIN_MOVE_M = 4;
/** Plant speeds are too slow to watch at 1×: the picture runs faster than the rated speed. */
const AGV_VISUAL_FACTOR = 6;

export interface AgvSpec {
  id: string;
  homeX: number;
  homeY: number;
  speedMps: number;
  /** Lines it serves; empty means all. */
  lines: readonly string[];
}

/** The layout's vehicles (kind agv or forklift); one without a home parks at the floor's corner. */
export function agvsOf(layout: LayoutView): AgvSpec[] {
  return layout.transporters
    .filter((t) => t.kind === 'agv' || t.kind === 'forklift')
    .map((t) => ({
      id: t.id,
      homeX: t.home?.x ?? layout.bounds.minX + 1,
      homeY: t.home?.y ?? layout.bounds.minY + 1,
      speedMps: t.speedMps > 0 ? t.speedMps : 1,
      lines: t.lines ?? [],
    }));
}

const POINTS = 8;

export class AgvAnimator {
  readonly agvs: readonly AgvSpec[];
  private readonly factor: number;
  /** Per AGV: POINTS waypoints (x, y), cumulative distance at each, trip start (s) and length (m). */
  private readonly path: Float64Array;
  private readonly along: Float64Array;
  private readonly startS: Float64Array;
  private readonly lengthM: Float64Array;
  private readonly busy: Uint8Array;

  constructor(agvs: readonly AgvSpec[], visualFactor = AGV_VISUAL_FACTOR) {
    this.agvs = agvs;
    this.factor = visualFactor;
    this.path = new Float64Array(agvs.length * POINTS * 2);
    this.along = new Float64Array(agvs.length * POINTS);
    this.startS = new Float64Array(agvs.length);
    this.lengthM = new Float64Array(agvs.length);
    this.busy = new Uint8Array(agvs.length);
  }

  get count(): number {
    return this.agvs.length;
  }

  isBusy(i: number): boolean {
    return this.busy[i] === 1;
  }

  /**
   * A WIP move from (fromX, fromY) to (toX, toY) on a line at time nowS: sends the nearest free AGV serving the
   * line and returns its index, or -1 if the move is short or no AGV is free.
   */
  request(
    fromX: number,
    fromY: number,
    toX: number,
    toY: number,
    line: string | undefined,
    nowS: number,
  ): number {
    if (Math.abs(toX - fromX) + Math.abs(toY - fromY) < AGV_MIN_MOVE_M) return -1;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < this.agvs.length; i++) {
      const a = this.agvs[i]!;
      if (this.busy[i] === 1) continue;
      if (a.lines.length > 0 && (line === undefined || !a.lines.includes(line))) continue;
      const d = Math.abs(a.homeX - fromX) + Math.abs(a.homeY - fromY);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best >= 0) this.plan(best, fromX, fromY, toX, toY, nowS);
    return best;
  }

  /** Home, along the aisle (the home's y), to the pick-up, back to the aisle, to the drop, and home. */
  private plan(i: number, fx: number, fy: number, tx: number, ty: number, nowS: number): void {
    const a = this.agvs[i]!;
    const hy = a.homeY;
    const o = i * POINTS * 2;
    let total = 0;
    const point = (k: number, x: number, y: number) => {
      if (k > 0) total += Math.abs(x - this.path[o + k * 2 - 2]!) + Math.abs(y - this.path[o + k * 2 - 1]!);
      this.path[o + k * 2] = x;
      this.path[o + k * 2 + 1] = y;
      this.along[i * POINTS + k] = total;
    };
    point(0, a.homeX, hy);
    point(1, fx, hy);
    point(2, fx, fy);
    point(3, fx, hy);
    point(4, tx, hy);
    point(5, tx, ty);
    point(6, tx, hy);
    point(7, a.homeX, hy);
    this.lengthM[i] = total;
    this.startS[i] = nowS;
    this.busy[i] = 1;
  }

  /** Frees AGVs whose trip has ended; returns how many are still driving. */
  step(nowS: number): number {
    let driving = 0;
    for (let i = 0; i < this.agvs.length; i++) {
      if (this.busy[i] === 0) continue;
      if (this.travelled(i, nowS) >= this.lengthM[i]!) this.busy[i] = 0;
      else driving++;
    }
    return driving;
  }

  private travelled(i: number, nowS: number): number {
    return Math.max(0, nowS - this.startS[i]!) * this.agvs[i]!.speedMps * this.factor;
  }

  /** Position (x, y) and heading (radians, floor frame) of AGV i at nowS, written into out at offset. */
  positionAt(i: number, nowS: number, out: Float32Array, offset: number): void {
    const a = this.agvs[i]!;
    if (this.busy[i] === 0) {
      out[offset] = a.homeX;
      out[offset + 1] = a.homeY;
      out[offset + 2] = 0;
      return;
    }
    const d = Math.min(this.travelled(i, nowS), this.lengthM[i]!);
    const o = i * POINTS * 2;
    let k = 1;
    while (k < POINTS - 1 && this.along[i * POINTS + k]! < d) k++;
    const d0 = this.along[i * POINTS + k - 1]!;
    const d1 = this.along[i * POINTS + k]!;
    const x0 = this.path[o + (k - 1) * 2]!;
    const y0 = this.path[o + (k - 1) * 2 + 1]!;
    const x1 = this.path[o + k * 2]!;
    const y1 = this.path[o + k * 2 + 1]!;
    const f = d1 > d0 ? (d - d0) / (d1 - d0) : 1;
    out[offset] = x0 + (x1 - x0) * f;
    out[offset + 1] = y0 + (y1 - y0) * f;
    out[offset + 2] = x1 !== x0 || y1 !== y0 ? Math.atan2(y1 - y0, x1 - x0) : 0;
  }
}
