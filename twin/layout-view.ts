import type { FactoryModel } from './schema/factory.js';
import type { Placement } from './schema/layout.js';
import type { LayoutView, OrderView, WindowMs } from './schema/layout-view.js';
import type { Order } from './schema/order.js';
import { instantToSimTime, type Instant, type TimeWindow } from './schema/time.js';

/** Metres of floor shown around everything placed. */
const FLOOR_MARGIN_M = 4;

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The floor plan of a factory model for the viewer; `startMs` is the wall-clock time of simulated second 0. */
export function layoutView(model: FactoryModel, startMs: number): LayoutView {
  const all = emptyBox();
  const perLine = new Map<string, Box>();
  const grow = (line: string | undefined, placement: Placement): void => {
    extend(all, placement);
    if (line === undefined) return;
    let box = perLine.get(line);
    if (!box) perLine.set(line, (box = emptyBox()));
    extend(box, placement);
  };
  for (const m of model.machines) grow(m.line, m.placement);
  for (const b of model.buffers ?? []) grow(b.line, b.placement);
  for (const t of model.transporters ?? []) {
    if (t.home) grow(undefined, { position: t.home, footprint: { width: 1, depth: 1 } });
  }
  return {
    site: {
      id: model.site.id,
      name: model.site.name,
      ...(model.site.timezone !== undefined && { timezone: model.site.timezone }),
    },
    bounds: {
      minX: all.minX - FLOOR_MARGIN_M,
      minY: all.minY - FLOOR_MARGIN_M,
      maxX: all.maxX + FLOOR_MARGIN_M,
      maxY: all.maxY + FLOOR_MARGIN_M,
    },
    lines: model.lines.map((line) => {
      const box = perLine.get(line.id) ?? all;
      return {
        id: line.id,
        name: line.name ?? line.id,
        area: line.area,
        centre: { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 },
        size: { width: box.maxX - box.minX, depth: box.maxY - box.minY },
      };
    }),
    machines: model.machines.map((m) => ({
      id: m.id,
      name: m.name ?? m.id,
      kind: m.kind,
      line: m.line,
      placement: m.placement,
      maintenance: (m.maintenance ?? []).map((w) => windowMs(w, startMs)),
    })),
    buffers: (model.buffers ?? []).map((b) => ({
      id: b.id,
      name: b.name ?? b.id,
      ...(b.line !== undefined && { line: b.line }),
      capacity: b.capacity,
      placement: b.placement,
    })),
    transporters: (model.transporters ?? []).map((t) => ({
      id: t.id,
      name: t.name ?? t.id,
      kind: t.kind,
      speedMps: t.speedMps,
      ...(t.home && { home: t.home }),
      ...(t.from !== undefined && { from: t.from }),
      ...(t.to !== undefined && { to: t.to }),
      ...(t.lines && { lines: [...t.lines] }),
    })),
  };
}

/** An order of the book as the viewer shows it. */
export function orderView(order: Order, startMs: number): OrderView {
  const releaseMs = order.release === undefined ? undefined : instantMs(order.release, startMs);
  const dueMs = order.due === undefined ? undefined : instantMs(order.due, startMs);
  return {
    id: order.id,
    product: order.product,
    quantity: order.quantity,
    priority: order.priority ?? 5,
    ...(releaseMs !== undefined && { releaseMs }),
    ...(dueMs !== undefined && { dueMs }),
    ...(order.customer !== undefined && { customer: order.customer }),
    operationsDone: (order.progress ?? []).filter((p) => p.status === 'done').length,
  };
}

function windowMs(w: TimeWindow, startMs: number): WindowMs {
  return {
    startMs: instantMs(w.start, startMs),
    endMs: instantMs(w.end, startMs),
    ...(w.reason !== undefined && { reason: w.reason }),
  };
}

/** Wall-clock ms of a file instant (seconds after `startMs`, or a date-time). */
function instantMs(instant: Instant, startMs: number): number {
  return startMs + instantToSimTime(instant, startMs) * 1000;
}

function emptyBox(): Box {
  return { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
}

/** Grow a box by a placement's footprint, turned by its rotation. */
function extend(box: Box, { position, footprint, rotationDeg = 0 }: Placement): void {
  const r = (rotationDeg * Math.PI) / 180;
  const halfX = (Math.abs(footprint.width * Math.cos(r)) + Math.abs(footprint.depth * Math.sin(r))) / 2;
  const halfY = (Math.abs(footprint.width * Math.sin(r)) + Math.abs(footprint.depth * Math.cos(r))) / 2;
  box.minX = Math.min(box.minX, position.x - halfX);
  box.maxX = Math.max(box.maxX, position.x + halfX);
  box.minY = Math.min(box.minY, position.y - halfY);
  box.maxY = Math.max(box.maxY, position.y + halfY);
}
