import {
  Color,
  InstancedMesh,
  Matrix4,
  MeshStandardMaterial,
  OctahedronGeometry,
  RingGeometry,
  type Vector3,
  MeshBasicMaterial,
  DoubleSide,
  type BufferGeometry,
} from 'three';
import type { Alarm, LayoutView, ShopFloorState } from '../api/types.js';
import { stateColour, type Palette } from '../palette.js';
import type { MachineAt } from '../store/state.js';
import { floorToThree, footprintMatrix } from './coords.js';
import type { FloorIndex, Placed } from './floor-index.js';
import { indexMachines, type MachineIndex } from './instance-index.js';
import { kindGeometry } from './kind-geometry.js';

const SELECTED = new Color('#00d5ff');
const IN_ORDER = new Color('#ffc83d');

/**
 * The machines: one InstancedMesh per kind, coloured by state, with two instanced overlays: rings on the floor
 * around highlighted machines (the selection, and the machines of the selected order) and red beacons above
 * machines with an active alarm. Updates write into the instance buffers in place; nothing here is React.
 */
export class MachineLayer {
  readonly index: MachineIndex;
  readonly meshes: InstancedMesh[];
  readonly rings: InstancedMesh;
  readonly beacons: InstancedMesh;
  private readonly placed: Placed[][];
  /** Last state drawn per kind and instance, so an update writes only what changed. */
  private readonly drawn: (ShopFloorState | undefined)[][];
  private palette: Palette | undefined;
  private readonly paletteColours = new Map<ShopFloorState, Color>();
  private readonly m = new Matrix4();
  private readonly c = new Color();
  private readonly point = { x: 0, y: 0, z: 0 };

  constructor(layout: LayoutView, floor: FloorIndex) {
    this.index = indexMachines(layout.machines);
    this.placed = this.index.byKind.map((group) => group.map((m) => floor.machines.get(m.id)!));
    this.drawn = this.placed.map((group) => group.map(() => undefined));
    this.meshes = this.index.kinds.map((kind, k) => {
      const group = this.placed[k]!;
      const material = new MeshStandardMaterial({ roughness: 0.7, metalness: 0.1 });
      const mesh = new InstancedMesh(kindGeometry(kind), material, group.length);
      mesh.userData.kind = k;
      group.forEach((m, i) => mesh.setMatrixAt(i, footprintMatrix(m, this.m)));
      mesh.setColorAt(0, this.c.set('#808080')); // creates the colour buffer
      mesh.computeBoundingSphere();
      return mesh;
    });
    const ring = new RingGeometry(0.55, 0.68, 40).rotateX(-Math.PI / 2);
    this.rings = overlay(ring, new MeshBasicMaterial({ side: DoubleSide }), this.index.count);
    this.rings.setColorAt(0, SELECTED); // the colour buffer exists before the first render
    this.beacons = overlay(
      new OctahedronGeometry(0.45),
      new MeshStandardMaterial({ color: '#e53935', emissive: '#b71c1c', emissiveIntensity: 0.8 }),
      this.index.count,
    );
  }

  /** Colours every machine by its state; returns whether anything was written. */
  writeColours(machines: Readonly<Record<string, MachineAt>>, palette: Palette): boolean {
    const repaint = palette !== this.palette;
    if (repaint) {
      this.palette = palette;
      this.paletteColours.clear();
    }
    let wrote = false;
    for (let k = 0; k < this.meshes.length; k++) {
      const mesh = this.meshes[k]!;
      const group = this.index.byKind[k]!;
      const drawn = this.drawn[k]!;
      let kindWrote = false;
      for (let i = 0; i < group.length; i++) {
        const state = machines[group[i]!.id]?.state ?? 'off';
        if (!repaint && drawn[i] === state) continue;
        drawn[i] = state;
        mesh.setColorAt(i, this.colour(state));
        kindWrote = true;
      }
      if (kindWrote && mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      wrote ||= kindWrote;
    }
    return wrote;
  }

  /** Rings around the selected machine and the machines of the selected order. */
  writeHighlights(selected: string | undefined, ofOrder: ReadonlySet<string>): void {
    let n = 0;
    const ring = (id: string, colour: Color) => {
      const slot = this.index.slotOf.get(id);
      const m = slot && this.placed[slot.kind]![slot.index];
      if (!m) return;
      const size = Math.hypot(m.width, m.depth);
      floorToThree(m.x, m.y, 0.03, this.point);
      this.m.makeScale(size, 1, size).setPosition(this.point.x, this.point.y, this.point.z);
      this.rings.setMatrixAt(n, this.m);
      this.rings.setColorAt(n++, colour);
    };
    for (const id of ofOrder) if (id !== selected) ring(id, IN_ORDER);
    if (selected !== undefined) ring(selected, SELECTED);
    finish(this.rings, n);
  }

  /** A beacon above every machine with an active alarm. */
  writeAlarms(alarms: readonly Alarm[]): void {
    let n = 0;
    for (const a of alarms) {
      const slot = a.active ? this.index.slotOf.get(a.asset) : undefined;
      const m = slot && this.placed[slot.kind]![slot.index];
      if (!m || n >= this.beacons.instanceMatrix.count) continue;
      floorToThree(m.x, m.y, m.height + 0.9, this.point);
      this.m.makeScale(1, 1.6, 1).setPosition(this.point.x, this.point.y, this.point.z);
      this.beacons.setMatrixAt(n++, this.m);
    }
    finish(this.beacons, n);
  }

  /** The '#rrggbb' written to a machine's instance (what the test hooks compare with the palette). */
  colourOf(id: string): string | undefined {
    const slot = this.index.slotOf.get(id);
    const colours = slot && this.meshes[slot.kind]!.instanceColor;
    if (!slot || !colours || this.drawn[slot.kind]![slot.index] === undefined) return undefined;
    return `#${this.c.fromArray(colours.array, slot.index * 3).getHexString()}`;
  }

  /** The top centre of a machine in three coordinates. */
  topOf(id: string, out: Vector3): boolean {
    const slot = this.index.slotOf.get(id);
    const m = slot && this.placed[slot.kind]![slot.index];
    if (!m) return false;
    floorToThree(m.x, m.y, m.height, this.point);
    out.set(this.point.x, this.point.y, this.point.z);
    return true;
  }

  dispose(): void {
    for (const mesh of [...this.meshes, this.rings, this.beacons]) {
      mesh.geometry.dispose();
      (mesh.material as MeshStandardMaterial).dispose();
      mesh.dispose();
    }
  }

  private colour(state: ShopFloorState): Color {
    let c = this.paletteColours.get(state);
    if (!c) this.paletteColours.set(state, (c = new Color(stateColour(state, this.palette))));
    return c;
  }
}

function overlay(
  geometry: BufferGeometry,
  material: MeshBasicMaterial | MeshStandardMaterial,
  capacity: number,
) {
  const mesh = new InstancedMesh(geometry, material, Math.max(1, capacity));
  mesh.count = 0;
  mesh.frustumCulled = false; // instances come and go; a stale bounding sphere would cull them
  return mesh;
}

function finish(mesh: InstancedMesh, n: number): void {
  mesh.count = n;
  mesh.instanceMatrix.needsUpdate = true;
  if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
}
