import { Quaternion, Vector3, type Matrix4 } from 'three';
import type { Placed } from './floor-index.js';

/**
 * The floor plan is x east, y north, z up (metres); three.js is y up. Floor x → three x, floor y → three -z,
 * floor z → three y, and a floor rotation (counter-clockwise seen from above) is a rotation about three's y.
 */
export function floorToThree(
  x: number,
  y: number,
  z: number,
  out: { x: number; y: number; z: number },
): void {
  out.x = x;
  out.y = z;
  out.z = -y;
}

const UP = new Vector3(0, 1, 0);
const position = new Vector3();
const turn = new Quaternion();
const size = new Vector3();
const point = { x: 0, y: 0, z: 0 };

/**
 * The instance matrix of a unit-sized shape (x, z in [-0.5, 0.5], y in [0, 1]) standing on a placed thing: scaled
 * to its footprint and height, turned by its rotation, at its floor position. Written into out.
 */
export function footprintMatrix(p: Placed, out: Matrix4): Matrix4 {
  floorToThree(p.x, p.y, 0, point);
  position.set(point.x, point.y, point.z);
  turn.setFromAxisAngle(UP, p.rotation);
  size.set(p.width, p.height, p.depth);
  return out.compose(position, turn, size);
}
