import type { BufferGeometry } from 'three';
import { BoxGeometry, CylinderGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/**
 * One unit-sized shape per machine kind (x and z in [-0.5, 0.5], y in [0, 1]); the instance matrix scales it to
 * the footprint and height. Recognisable silhouettes, few triangles: thousands of them are drawn.
 */
type Part = readonly ['box' | 'cyl', number, number, number, number, number, number];

const BODY: Part = ['box', 0, 0.4, 0, 1, 0.8, 1];
const SHAPES: Record<string, readonly Part[]> = {
  'cnc-lathe': [
    ['box', 0, 0.35, 0, 1, 0.7, 1],
    ['box', -0.1, 0.85, 0, 0.7, 0.3, 0.7],
  ],
  'machining-centre': [BODY, ['box', 0.25, 0.9, 0, 0.35, 0.2, 0.6]],
  grinder: [
    ['box', 0, 0.3, 0, 1, 0.6, 1],
    ['cyl', 0.2, 0.8, 0, 0.35, 0.4, 0.35],
  ],
  drill: [
    ['box', 0, 0.25, 0, 1, 0.5, 1],
    ['box', 0, 0.75, -0.2, 0.25, 0.5, 0.25],
  ],
  press: [
    ['box', 0, 0.3, 0, 1, 0.6, 0.8],
    ['box', 0, 0.8, 0, 0.8, 0.4, 1],
  ],
  'robot-cell': [
    ['box', 0, 0.08, 0, 1, 0.16, 1],
    ['cyl', 0, 0.55, 0, 0.3, 0.8, 0.3],
  ],
  'heat-treatment-oven': [
    ['box', 0, 0.45, 0, 1, 0.9, 1],
    ['cyl', 0.3, 0.95, 0.3, 0.12, 0.1, 0.12],
  ],
  washer: [
    ['cyl', 0, 0.45, 0, 1, 0.9, 1],
    ['box', 0, 0.95, 0, 0.4, 0.1, 0.4],
  ],
  packing: [
    ['box', 0, 0.3, 0, 1, 0.6, 1],
    ['box', 0, 0.75, 0.25, 0.9, 0.3, 0.3],
  ],
};

export function kindGeometry(kind: string): BufferGeometry {
  const parts = (SHAPES[kind] ?? [BODY, ['box', 0.3, 0.9, 0.3, 0.3, 0.2, 0.3]]).map(
    ([shape, x, y, z, sx, sy, sz]) => {
      const g = shape === 'box' ? new BoxGeometry(sx, sy, sz) : new CylinderGeometry(sx / 2, sx / 2, sy, 16);
      if (shape === 'cyl') g.scale(1, 1, sz / sx);
      return g.translate(x, y, z);
    },
  );
  const merged = mergeGeometries(parts) ?? parts[0]!;
  for (const p of parts) if (p !== merged) p.dispose();
  return merged;
}

/** A storage rack: four posts and three shelves, unit-sized like the machines. */
export function rackGeometry(): BufferGeometry {
  const parts: BufferGeometry[] = [];
  for (const [x, z] of [
    [-0.47, -0.47],
    [0.47, -0.47],
    [-0.47, 0.47],
    [0.47, 0.47],
  ] as const) {
    parts.push(new BoxGeometry(0.06, 1, 0.06).translate(x, 0.5, z));
  }
  for (const y of [0.05, 0.5, 0.95]) parts.push(new BoxGeometry(1, 0.05, 1).translate(0, y, 0));
  const merged = mergeGeometries(parts)!;
  for (const p of parts) p.dispose();
  return merged;
}
