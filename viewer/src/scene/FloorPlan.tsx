import { Html } from '@react-three/drei';
import { useEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute, InstancedMesh, Matrix4, MeshStandardMaterial } from 'three';
import type { LayoutView } from '../api/types.js';
import { footprintMatrix } from './coords.js';
import type { FloorIndex } from './floor-index.js';
import { rackGeometry } from './kind-geometry.js';

/** Margin drawn around a line's machines and buffers, in metres. */
const LINE_MARGIN_M = 1.5;

/** The floor sized to the layout's bounds, line areas outlined and named, buffers as racks. */
export function FloorPlan({ layout, floor }: { layout: LayoutView; floor: FloorIndex }) {
  const { minX, minY, maxX, maxY } = layout.bounds;
  const outlines = useMemo(() => lineOutlines(layout), [layout]);
  const racks = useMemo(() => bufferRacks(floor), [floor]);
  useEffect(
    () => () => {
      outlines.dispose();
      racks.geometry.dispose();
      (racks.material as MeshStandardMaterial).dispose();
      racks.dispose();
    },
    [outlines, racks],
  );
  return (
    <>
      <mesh rotation-x={-Math.PI / 2} position={[(minX + maxX) / 2, 0, -(minY + maxY) / 2]} receiveShadow>
        <planeGeometry args={[maxX - minX, maxY - minY]} />
        <meshStandardMaterial color="#cfd4da" roughness={1} />
      </mesh>
      <lineSegments geometry={outlines}>
        <lineBasicMaterial color="#5b6b7d" />
      </lineSegments>
      <primitive object={racks} />
      {layout.lines.map((line) => (
        <Html
          key={line.id}
          // The south-west corner, outside the outline: the label hangs below it, towards the camera.
          position={[
            line.centre.x - line.size.width / 2 - LINE_MARGIN_M,
            0.05,
            -(line.centre.y - line.size.depth / 2 - LINE_MARGIN_M),
          ]}
          className="scene-line-label"
          zIndexRange={[5, 0]}
        >
          {line.name}
        </Html>
      ))}
    </>
  );
}

/** One LineSegments geometry holding the rectangle of every line. */
function lineOutlines(layout: LayoutView): BufferGeometry {
  const points: number[] = [];
  for (const line of layout.lines) {
    const x0 = line.centre.x - line.size.width / 2 - LINE_MARGIN_M;
    const x1 = line.centre.x + line.size.width / 2 + LINE_MARGIN_M;
    const y0 = line.centre.y - line.size.depth / 2 - LINE_MARGIN_M;
    const y1 = line.centre.y + line.size.depth / 2 + LINE_MARGIN_M;
    const corners = [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ] as const;
    for (let i = 0; i < 4; i++) {
      const [ax, ay] = corners[i]!;
      const [bx, by] = corners[(i + 1) % 4]!;
      points.push(ax, 0.02, -ay, bx, 0.02, -by);
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(points, 3));
  return g;
}

/** The buffers as storage racks, one InstancedMesh, each scaled to its footprint. */
function bufferRacks(floor: FloorIndex): InstancedMesh {
  const buffers = floor.list.slice(floor.machineCount);
  const mesh = new InstancedMesh(
    rackGeometry(),
    new MeshStandardMaterial({ color: '#8d6e63', roughness: 0.9 }),
    Math.max(1, buffers.length),
  );
  mesh.count = buffers.length;
  const m = new Matrix4();
  buffers.forEach((b, i) => mesh.setMatrixAt(i, footprintMatrix(b, m)));
  mesh.computeBoundingSphere();
  return mesh;
}
