import type { FactoryModel } from './schema/factory.js';
import type { Position } from './schema/layout.js';
import type { Transporter } from './schema/structure.js';

/**
 * Transport runs along aisles, so distance on the floor is rectilinear (Manhattan) by default; a conveyor or
 * an open floor can use the straight line.
 */
export type DistanceMetric = 'manhattan' | 'euclidean';

export function distanceM(a: Position, b: Position, metric: DistanceMetric = 'manhattan'): number {
  const dx = Math.abs(a.x - b.x);
  const dy = Math.abs(a.y - b.y);
  return metric === 'manhattan' ? dx + dy : Math.hypot(dx, dy);
}

/** Floor positions of every machine and buffer, by id. */
export function locationPositions(model: Pick<FactoryModel, 'machines' | 'buffers'>): Map<string, Position> {
  const out = new Map<string, Position>();
  for (const m of model.machines) out.set(m.id, m.placement.position);
  for (const b of model.buffers ?? []) out.set(b.id, b.placement.position);
  return out;
}

/** Seconds to move a lot from one location to another: load, travel, unload. */
export function travelTimeS(
  transporter: Transporter,
  from: Position,
  to: Position,
  metric?: DistanceMetric,
): number {
  const chosen = metric ?? (transporter.kind === 'conveyor' ? 'euclidean' : 'manhattan');
  return (
    (transporter.loadS ?? 0) + distanceM(from, to, chosen) / transporter.speedMps + (transporter.unloadS ?? 0)
  );
}

/** The full matrix of distances between locations, in the order of `ids`. */
export function distanceMatrix(
  positions: ReadonlyMap<string, Position>,
  ids: readonly string[],
  metric?: DistanceMetric,
): Float64Array {
  const n = ids.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = positions.get(ids[i]!);
    for (let j = 0; j < n; j++) {
      const b = positions.get(ids[j]!);
      out[i * n + j] = a && b ? distanceM(a, b, metric) : NaN;
    }
  }
  return out;
}
