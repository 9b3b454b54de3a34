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
