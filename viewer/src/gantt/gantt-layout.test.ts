import { describe, expect, it } from 'vitest';
import type { Assignment, LayoutView, Plan } from '../api/types.js';
import { generateBenchPlan } from './gantt-bench.js';
import {
  buildGanttLayout,
  findBar,
  hitTest,
  queryVisible,
  type GanttLayout,
  type QueryStats,
} from './gantt-layout.js';

const EPOCH = Date.UTC(2025, 0, 6, 6);
const S = 1000;

function machine(id: string, line: string, maintenance: LayoutView['machines'][number]['maintenance'] = []) {
  return {
    id,
    name: `Machine ${id}`,
    kind: 'cnc',
    line,
    placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } },
    maintenance,
  };
}

type LooseAssignment = {
  order: string;
  operation: string;
  machine: string;
  startS: number;
  endS: number;
  setupS?: number;
};

function plan(assignments: LooseAssignment[], frozen: number[] = []): Plan {
  return {
    id: 'p1',
    version: 1,
    status: 'draft',
    trigger: { kind: 'manual' },
    createdAtMs: EPOCH,
    epochMs: EPOCH,
    seed: 1,
    inputHash: 'h',
    engine: 'test',
    frozen,
    assignments: assignments as unknown as Assignment[],
  } as Plan;
}

const LINES = [
  { id: 'L1', name: 'Line 1', area: 'A', centre: { x: 0, y: 0 }, size: { width: 1, depth: 1 } },
  { id: 'L2', name: 'Line 2', area: 'A', centre: { x: 0, y: 0 }, size: { width: 1, depth: 1 } },
];

/** Every bar that overlaps the viewport, by a plain scan (the reference for the index). */
function bruteForce(
  layout: GanttLayout,
  startMs: number,
  endMs: number,
  firstRow: number,
  lastRow: number,
): number[] {
  return layout.bars
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => b.row >= firstRow && b.row <= lastRow && b.setupStartMs < endMs && b.endMs > startMs)
    .map(({ i }) => i);
}

describe('buildGanttLayout', () => {
  const machines = [
    machine('B1', 'L2'),
    machine('A1', 'L1', [{ startMs: EPOCH + 50 * S, endMs: EPOCH + 80 * S }]),
    machine('A2', 'L1'),
  ];
  const layout = buildGanttLayout({
    plan: plan(
      [
        { order: 'o1', operation: 'o1-1', machine: 'A1', startS: 10, endS: 20, setupS: 5 },
        { order: 'o1', operation: 'o1-2', machine: 'B1', startS: 30, endS: 100 },
        { order: 'o2', operation: 'o2-1', machine: 'A1', startS: 0, endS: 4 },
        { order: 'o2', operation: 'o2-2', machine: 'X9', startS: 10, endS: 20 },
      ],
      [2],
    ),
    machines,
    lines: LINES,
    orders: { o1: { dueMs: EPOCH + 60 * S }, o2: { dueMs: EPOCH + 60 * S } },
  });

  it('groups machine rows by line in layout order and appends machines the layout does not know', () => {
    expect(layout.rows.map((r) => r.machine)).toEqual(['A1', 'A2', 'B1', 'X9']);
    expect(layout.rows.map((r) => r.lineStart)).toEqual([true, false, true, true]);
    expect(layout.rows[0]!.maintenance).toEqual([{ startMs: EPOCH + 50 * S, endMs: EPOCH + 80 * S }]);
  });

  it('places bars in ms with the setup before the start, sorted by start within a row', () => {
    const a1 = layout.bars.filter((b) => b.machine === 'A1');
    expect(a1.map((b) => b.operation)).toEqual(['o2-1', 'o1-1']);
    expect(a1[1]).toMatchObject({
      setupStartMs: EPOCH + 5 * S,
      startMs: EPOCH + 10 * S,
      endMs: EPOCH + 20 * S,
    });
    expect(layout.rowStart[1]! - layout.rowStart[0]!).toBe(2);
    expect(layout.rowStart[2]! - layout.rowStart[1]!).toBe(0);
    expect(layout.minMs).toBe(EPOCH);
    expect(layout.maxMs).toBe(EPOCH + 100 * S);
  });

  it('marks the bars of an order that ends after its due date, the late operation, and frozen ones', () => {
    const bar = (op: string) => layout.bars[findBar(layout, op.slice(0, 2), op)]!;
    expect([...layout.lateOrders]).toEqual(['o1']);
    expect(bar('o1-1')).toMatchObject({ orderLate: true, pastDue: false, lastOfOrder: false });
    expect(bar('o1-2')).toMatchObject({ orderLate: true, pastDue: true, lastOfOrder: true });
    expect(bar('o2-2')).toMatchObject({ orderLate: false, pastDue: false });
    expect(bar('o2-1').frozen).toBe(true);
    expect(bar('o1-1').frozen).toBe(false);
    expect(bar('o1-1').colour).toBe(bar('o1-2').colour);
    expect(bar('o1-1').colour).not.toBe(bar('o2-1').colour);
  });

  it('hits the bar under a time, setups included, and nothing in a gap', () => {
    expect(layout.bars[hitTest(layout, 0, EPOCH + 6 * S)]!.operation).toBe('o1-1');
    expect(layout.bars[hitTest(layout, 0, EPOCH + 2 * S)]!.operation).toBe('o2-1');
    expect(hitTest(layout, 0, EPOCH + 30 * S)).toBe(-1);
    expect(layout.bars[hitTest(layout, 0, EPOCH + 21 * S, 2 * S)]!.operation).toBe('o1-1');
    expect(hitTest(layout, 1, EPOCH + 10 * S)).toBe(-1);
    expect(hitTest(layout, 9, EPOCH)).toBe(-1);
  });

  it('has no bars and no extent without a plan', () => {
    const empty = buildGanttLayout({ plan: undefined, machines, lines: LINES, orders: {} });
    expect(empty.bars).toHaveLength(0);
    expect(empty.rows).toHaveLength(3);
    expect(
      queryVisible(empty, { startMs: 0, endMs: Infinity, firstRow: 0, lastRow: 2 }, new Int32Array(0)),
    ).toBe(0);
  });
});

describe('viewport queries on 10,000 operations', () => {
  const bench = generateBenchPlan(10_000, 7, EPOCH);
  const layout = buildGanttLayout(bench);
  const out = new Int32Array(layout.bars.length);

  it('returns exactly the bars a full scan finds, for many viewports', () => {
    expect(layout.bars).toHaveLength(10_000);
    const span = layout.maxMs - layout.minMs;
    for (let k = 0; k < 40; k++) {
      const startMs = layout.minMs + (((k * 37) % 100) / 100) * span - span * 0.05;
      const endMs = startMs + span * (0.01 + (k % 7) * 0.05);
      const firstRow = (k * 13) % layout.rows.length;
      const lastRow = firstRow + (k % 5) * 4;
      const n = queryVisible(layout, { startMs, endMs, firstRow, lastRow }, out);
      expect([...out.subarray(0, n)].sort((a, b) => a - b)).toEqual(
        bruteForce(layout, startMs, endMs, firstRow, lastRow),
      );
    }
  });

  it('examines a bounded number of bars: the visible ones plus a binary search per row', () => {
    const span = layout.maxMs - layout.minMs;
    const startMs = layout.minMs + span * 0.4;
    const q = { startMs, endMs: startMs + span * 0.05, firstRow: 30, lastRow: 44 };
    const stats: QueryStats = { examined: 0 };
    const n = queryVisible(layout, q, out, stats);
    const rows = q.lastRow - q.firstRow + 1;
    expect(n).toBeGreaterThan(0);
    // per row: ⌈log2(bars in row + 1)⌉ probes + the visible bars + the one that ends the scan.
    const bound = n + rows * (Math.ceil(Math.log2(layout.bars.length)) + 1);
    expect(stats.examined).toBeLessThanOrEqual(bound);
    expect(stats.examined).toBeLessThan(layout.bars.length / 20);
  });

  it('hit-tests by a search in one row, not a scan', () => {
    const bar = layout.bars[5000]!;
    const stats: QueryStats = { examined: 0 };
    const hit = hitTest(layout, bar.row, (bar.startMs + bar.endMs) / 2, 0, stats);
    expect(layout.bars[hit]).toBe(bar);
    expect(stats.examined).toBeLessThan(20);
  });
});

describe('overlapping bars on one machine (batches, a bad plan)', () => {
  // A long bar, then short ones that start and end inside it: ends are not sorted, the running max is.
  const layout = buildGanttLayout({
    plan: plan([
      { order: 'a', operation: 'long', machine: 'A1', startS: 0, endS: 1000 },
      { order: 'b', operation: 's1', machine: 'A1', startS: 10, endS: 20 },
      { order: 'c', operation: 's2', machine: 'A1', startS: 30, endS: 40 },
      { order: 'd', operation: 'late', machine: 'A1', startS: 900, endS: 950 },
    ]),
    machines: [machine('A1', 'L1')],
    orders: {},
  });
  const out = new Int32Array(4);
  const ops = (n: number) => [...out.subarray(0, n)].map((i) => layout.bars[i]!.operation).sort();

  it('finds the long bar in a window after the short ones ended', () => {
    expect(
      ops(
        queryVisible(
          layout,
          { startMs: EPOCH + 500 * S, endMs: EPOCH + 600 * S, firstRow: 0, lastRow: 0 },
          out,
        ),
      ),
    ).toEqual(['long']);
    expect(
      ops(
        queryVisible(
          layout,
          { startMs: EPOCH + 35 * S, endMs: EPOCH + 920 * S, firstRow: 0, lastRow: 0 },
          out,
        ),
      ),
    ).toEqual(['late', 'long', 's2']);
  });

  it('hits the short bar inside the long one (the nearest span wins ties by order)', () => {
    expect(layout.bars[hitTest(layout, 0, EPOCH + 500 * S)]!.operation).toBe('long');
    expect(['long', 's1']).toContain(layout.bars[hitTest(layout, 0, EPOCH + 15 * S)]!.operation);
  });
});

describe('generateBenchPlan', () => {
  it('is deterministic per seed, feasible per machine and order, and has late orders', () => {
    const a = generateBenchPlan(2000, 3, EPOCH);
    const b = generateBenchPlan(2000, 3, EPOCH);
    const c = generateBenchPlan(2000, 4, EPOCH);
    expect(a).toEqual(b);
    expect(c.plan.assignments).not.toEqual(a.plan.assignments);
    expect(a.plan.assignments).toHaveLength(2000);
    const layout = buildGanttLayout(a);
    for (let i = 1; i < layout.bars.length; i++) {
      const [p, q] = [layout.bars[i - 1]!, layout.bars[i]!];
      if (p.row === q.row) expect(q.setupStartMs).toBeGreaterThanOrEqual(p.endMs);
    }
    const late = layout.lateOrders.size / Object.keys(a.orders).length;
    expect(late).toBeGreaterThan(0.05);
    expect(late).toBeLessThan(0.5);
  });
});
