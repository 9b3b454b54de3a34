import { BoxGeometry, Color, Group, InstancedMesh, MeshStandardMaterial } from 'three';
import type { LayoutView } from '../api/types.js';
import { AgvAnimator, agvsOf } from './agv-animator.js';
import type { FloorIndex } from './floor-index.js';
import { orderHsl } from './instance-index.js';
import { DirtySpans } from './dirty-spans.js';
import type { FrameStats } from './frame-stats.js';
import { ITEM_HEIGHT_M, ITEM_SIZE_M, type WipInput } from './wip-layout.js';
import { DIRTY_COLOUR, DIRTY_POSITION, WipMotion } from './wip-motion.js';
import { WipPlacement } from './wip-placement.js';

const AGV_HEIGHT_M = 0.35;

/**
 * WIP items (one InstancedMesh, coloured by order) and AGVs (one InstancedMesh). The instance matrices of both
 * are pure translations (plus a turn about the vertical for AGVs), written straight into the matrix buffer.
 */
export class WipLayer {
  readonly group = new Group();
  private wipMesh: InstancedMesh;
  readonly agvMesh: InstancedMesh;
  readonly agvs: AgvAnimator;
  private readonly motion = new WipMotion();
  private readonly placement = new WipPlacement();
  private readonly matrixSpans = new DirtySpans();
  private readonly colourSpans = new DirtySpans();
  private readonly floor: FloorIndex;
  private readonly agvXyh: Float32Array;
  private agvsDriving = 0;
  private readonly hsl = { h: 0, s: 0, l: 0 };
  private readonly c = new Color();
  private readonly wipGeometry = new BoxGeometry(ITEM_SIZE_M, ITEM_HEIGHT_M * 0.9, ITEM_SIZE_M);
  private readonly wipMaterial = new MeshStandardMaterial({ roughness: 0.8 });

  constructor(
    layout: LayoutView,
    floor: FloorIndex,
    private readonly stats?: FrameStats,
  ) {
    this.floor = floor;
    this.wipMesh = this.createWipMesh(256);
    this.agvs = new AgvAnimator(agvsOf(layout));
    this.agvXyh = new Float32Array(Math.max(1, this.agvs.count) * 3);
    this.agvMesh = new InstancedMesh(
      new BoxGeometry(1.4, AGV_HEIGHT_M, 0.9).translate(0, AGV_HEIGHT_M / 2, 0),
      new MeshStandardMaterial({ color: '#ff9800', roughness: 0.5 }),
      Math.max(1, this.agvs.count),
    );
    this.agvMesh.count = this.agvs.count;
    this.agvMesh.frustumCulled = false;
    this.group.add(this.wipMesh, this.agvMesh);
    this.writeAgvs(0);
  }

  get wipCount(): number {
    return this.motion.count;
  }

  get agvCount(): number {
    return this.agvs.count;
  }

  /**
   * Brings the WIP layout up to date (the twin, the plan or the clock changed: only the items concerned are
   * placed again); items that moved start to glide. The instances are written at the next frame.
   */
  sync(input: Omit<WipInput, 'floor'> & { begunChanged?: boolean }, nowS: number): void {
    this.placement.update({ ...input, floor: this.floor });
    this.stats?.addPlaced(this.placement.placedCount, this.placement.changedCount);
    this.motion.sync(this.placement, nowS, (_order, fx, fy, tx, ty, line) => {
      if (this.agvs.request(fx, fy, tx, ty, line, nowS) >= 0) this.agvsDriving++;
    });
    if (this.motion.count > this.wipMesh.instanceMatrix.count) {
      this.group.remove(this.wipMesh);
      this.wipMesh.dispose();
      this.wipMesh = this.createWipMesh(this.motion.count * 2);
      this.group.add(this.wipMesh);
      this.motion.dirty.fill(DIRTY_POSITION | DIRTY_COLOUR, 0, this.motion.count);
    }
  }

  /** Advances glides and AGV trips to nowS; returns whether anything still moves (another frame is needed). */
  frame(nowS: number): boolean {
    const gliding = this.motion.movingCount > 0 ? this.motion.step(nowS) : 0;
    this.writeWip();
    if (this.agvsDriving > 0) {
      this.agvsDriving = this.agvs.step(nowS);
      this.writeAgvs(nowS); // also the last frame, which parks them at home
    }
    return gliding > 0 || this.agvsDriving > 0;
  }

  dispose(): void {
    this.wipMesh.dispose();
    this.wipGeometry.dispose();
    this.wipMaterial.dispose();
    this.agvMesh.geometry.dispose();
    (this.agvMesh.material as MeshStandardMaterial).dispose();
    this.agvMesh.dispose();
  }

  private createWipMesh(capacity: number): InstancedMesh {
    const mesh = new InstancedMesh(this.wipGeometry, this.wipMaterial, capacity);
    mesh.frustumCulled = false;
    mesh.count = 0;
    mesh.setColorAt(0, this.c.set('#ffffff'));
    return mesh;
  }

  /**
   * Writes the slots marked dirty: translation into the matrix (its rotation part stays identity), colour;
   * only the spans written go to the GPU.
   */
  private writeWip(): void {
    const { motion, wipMesh, matrixSpans, colourSpans } = this;
    const matrix = wipMesh.instanceMatrix.array as Float32Array;
    matrixSpans.reset();
    colourSpans.reset();
    for (let s = 0; s < motion.count; s++) {
      const d = motion.dirty[s]!;
      if (d === 0) continue;
      motion.dirty[s] = 0;
      if (d & DIRTY_POSITION) {
        const o = s * 16;
        matrix[o + 12] = motion.pos[s * 3]!;
        matrix[o + 13] = motion.pos[s * 3 + 2]!;
        matrix[o + 14] = -motion.pos[s * 3 + 1]!;
        matrixSpans.add(s);
      }
      if (d & DIRTY_COLOUR) {
        orderHsl(motion.orders[s]!, this.hsl);
        wipMesh.setColorAt(s, this.c.setHSL(this.hsl.h, this.hsl.s, this.hsl.l));
        colourSpans.add(s);
      }
    }
    wipMesh.count = motion.count;
    matrixSpans.applyTo(wipMesh.instanceMatrix, 16);
    if (wipMesh.instanceColor) colourSpans.applyTo(wipMesh.instanceColor, 3);
    this.stats?.addWritten(matrixSpans.slots);
  }

  private writeAgvs(nowS: number): void {
    const matrix = this.agvMesh.instanceMatrix.array as Float32Array;
    for (let i = 0; i < this.agvs.count; i++) {
      this.agvs.positionAt(i, nowS, this.agvXyh, i * 3);
      // A turn about three's y by the floor heading, then the floor position (y → -z).
      const c = Math.cos(this.agvXyh[i * 3 + 2]!);
      const s = Math.sin(this.agvXyh[i * 3 + 2]!);
      const o = i * 16;
      matrix[o] = c;
      matrix[o + 2] = -s;
      matrix[o + 8] = s;
      matrix[o + 10] = c;
      matrix[o + 12] = this.agvXyh[i * 3]!;
      matrix[o + 13] = 0;
      matrix[o + 14] = -this.agvXyh[i * 3 + 1]!;
    }
    this.agvMesh.instanceMatrix.needsUpdate = true;
  }
}
