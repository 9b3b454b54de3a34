import type { LayoutView, OrderView, Plan } from '../api/types.js';
import { orderColour } from './gantt-colours.js';

/** One machine row of the Gantt, in layout order grouped by line. */
export interface GanttRow {
  machine: string;
  name: string;
  line: string;
  /** First row of its line (the renderer draws a separator above it). */
  lineStart: boolean;
  /** Maintenance windows in epoch ms, sorted by start. */
  maintenance: { startMs: number; endMs: number; reason?: string }[];
}

/** One operation bar; times in epoch ms. The setup part is [setupStartMs, startMs). */
export interface GanttBar {
  /** Index of the assignment in the plan (frozen indices refer to it). */
  assignment: number;
  row: number;
  order: string;
  operation: string;
  machine: string;
  batch?: string;
  setupStartMs: number;
  startMs: number;
  endMs: number;
  /** The order's due date, when it has one. */
  dueMs?: number;
  /** The order finishes after its due date: every bar of the order carries it. */
  orderLate: boolean;
  /** This operation itself ends after the order's due date. */
  pastDue: boolean;
  /** The order's last operation (the renderer marks late orders at its end). */
  lastOfOrder: boolean;
  frozen: boolean;
  /** Stable colour of the order (hash of its id). */
  colour: string;
}

/**
 * Rows and bars of a plan with an index for viewport queries: bars are grouped by row (bars of row r are
 * `bars[rowStart[r] .. rowStart[r + 1])`) and sorted by visual start (setup included) inside a row; `maxEnd[i]`
 * is the running maximum of the end over the row up to i, so a binary search finds the first bar that reaches
 * a time even when bars of one machine overlap (batches, a bad plan).
 */
export interface GanttLayout {
  rows: GanttRow[];
  rowOfMachine: Map<string, number>;
  bars: GanttBar[];
  rowStart: Int32Array;
  start: Float64Array;
  end: Float64Array;
  maxEnd: Float64Array;
  /** Extent of bars and maintenance windows (NaN when the plan is empty). */
  minMs: number;
  maxMs: number;
  lateOrders: Set<string>;
}

export interface GanttInput {
  plan: Plan | undefined;
  machines: LayoutView['machines'];
  /** Line order; machines of lines not listed (or without lines) follow in their own order. */
  lines?: LayoutView['lines'];
  orders: Record<string, Pick<OrderView, 'dueMs'>>;
}

/** Machines in layout order, grouped by line (lines in layout order, then any other line as first met). */
function machineRows(input: GanttInput): GanttRow[] {
  const lineRank = new Map<string, number>();
  for (const line of input.lines ?? []) lineRank.set(line.id, lineRank.size);
  for (const m of input.machines) if (!lineRank.has(m.line)) lineRank.set(m.line, lineRank.size);
  const ordered = input.machines
    .map((m, i) => ({ m, i }))
    .sort((a, b) => lineRank.get(a.m.line)! - lineRank.get(b.m.line)! || a.i - b.i);
  return ordered.map(({ m }, i) => ({
    machine: m.id,
    name: m.name,
    line: m.line,
    lineStart: i === 0 || ordered[i - 1]!.m.line !== m.line,
    maintenance: m.maintenance
      .map((w) => ({ startMs: w.startMs, endMs: w.endMs, ...(w.reason && { reason: w.reason }) }))
      .sort((a, b) => a.startMs - b.startMs),
  }));
}

export function buildGanttLayout(input: GanttInput): GanttLayout {
  const rows = machineRows(input);
  const rowOfMachine = new Map<string, number>();
  rows.forEach((r, i) => rowOfMachine.set(r.machine, i));
  const assignments = input.plan?.assignments ?? [];
  const epochMs = input.plan?.epochMs ?? 0;
  // Machines the plan uses but the layout does not know still get a row, at the end.
  for (const a of assignments) {
    if (rowOfMachine.has(a.machine)) continue;
    rowOfMachine.set(a.machine, rows.length);
    const lineStart = rows.length === 0 || rows[rows.length - 1]!.line !== '';
    rows.push({ machine: a.machine, name: a.machine, line: '', lineStart, maintenance: [] });
  }

  // An order is late when its last operation ends after its due date.
  const orderEnd = new Map<string, number>();
  for (const a of assignments) {
    const endMs = epochMs + a.endS * 1000;
    if (endMs > (orderEnd.get(a.order) ?? -Infinity)) orderEnd.set(a.order, endMs);
  }
  const lateOrders = new Set<string>();
  for (const [order, endMs] of orderEnd) {
    const due = input.orders[order]?.dueMs;
    if (due !== undefined && endMs > due) lateOrders.add(order);
  }

  const frozen = new Set(input.plan?.frozen ?? []);
  const colours = new Map<string, string>();
  const bars: GanttBar[] = assignments.map((a, i) => {
    const startMs = epochMs + a.startS * 1000;
    const endMs = epochMs + a.endS * 1000;
    const due = input.orders[a.order]?.dueMs;
    let colour = colours.get(a.order);
    if (colour === undefined) colours.set(a.order, (colour = orderColour(a.order)));
    return {
      assignment: i,
      row: rowOfMachine.get(a.machine)!,
      order: a.order,
      operation: a.operation,
      machine: a.machine,
      ...(a.batch !== undefined && { batch: a.batch }),
      setupStartMs: startMs - (a.setupS ?? 0) * 1000,
      startMs,
      endMs,
      ...(due !== undefined && { dueMs: due }),
      orderLate: lateOrders.has(a.order),
      pastDue: due !== undefined && endMs > due,
      lastOfOrder: endMs === orderEnd.get(a.order),
      frozen: frozen.has(i),
      colour,
    };
  });
  bars.sort((a, b) => a.row - b.row || a.setupStartMs - b.setupStartMs || a.assignment - b.assignment);

  const n = bars.length;
  const rowStart = new Int32Array(rows.length + 1);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const maxEnd = new Float64Array(n);
  let minMs = Infinity;
  let maxMs = -Infinity;
  for (let i = 0; i < n; i++) {
    const bar = bars[i]!;
    rowStart[bar.row + 1] = i + 1;
    start[i] = bar.setupStartMs;
    end[i] = bar.endMs;
    const first = i === 0 || bars[i - 1]!.row !== bar.row;
    maxEnd[i] = first ? bar.endMs : Math.max(maxEnd[i - 1]!, bar.endMs);
    minMs = Math.min(minMs, bar.setupStartMs);
    maxMs = Math.max(maxMs, bar.endMs);
  }
  // Rows without bars start where the previous row ends.
  for (let r = 1; r <= rows.length; r++) rowStart[r] = Math.max(rowStart[r]!, rowStart[r - 1]!);
  for (const row of rows) {
    for (const w of row.maintenance) {
      minMs = Math.min(minMs, w.startMs);
      maxMs = Math.max(maxMs, w.endMs);
    }
  }
  if (minMs > maxMs) minMs = maxMs = NaN;
  return { rows, rowOfMachine, bars, rowStart, start, end, maxEnd, minMs, maxMs, lateOrders };
}

/** A viewport: half-open time range [startMs, endMs) and the rows firstRow..lastRow (inclusive). */
export interface GanttQuery {
  startMs: number;
  endMs: number;
  firstRow: number;
  lastRow: number;
}

/** Counts of one query (bars read, including binary-search probes), for tests and benchmarks. */
export interface QueryStats {
  examined: number;
}

/** First bar index in [lo, hi) whose running max end is after `t` (hi when none). */
function firstReaching(layout: GanttLayout, lo: number, hi: number, t: number, stats?: QueryStats): number {
  const maxEnd = layout.maxEnd;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stats) stats.examined++;
    if (maxEnd[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Indices (into layout.bars) of the bars that overlap the viewport, written into `out` (capacity
 * layout.bars.length); returns how many. Reads O(rows × log bars + visible) bars and allocates nothing.
 */
export function queryVisible(
  layout: GanttLayout,
  q: GanttQuery,
  out: Int32Array,
  stats?: QueryStats,
): number {
  const { rowStart, start, end } = layout;
  const firstRow = Math.max(0, q.firstRow);
  const lastRow = Math.min(layout.rows.length - 1, q.lastRow);
  let n = 0;
  for (let r = firstRow; r <= lastRow; r++) {
    const hi = rowStart[r + 1]!;
    for (let i = firstReaching(layout, rowStart[r]!, hi, q.startMs, stats); i < hi; i++) {
      if (stats) stats.examined++;
      if (start[i]! >= q.endMs) break;
      if (end[i]! > q.startMs) out[n++] = i;
    }
  }
  return n;
}

/**
 * The bar of `row` under time `t`, or -1. `slopMs` widens bars (a bar thinner than a pixel can still be hit);
 * of several candidates the one whose span is nearest to t wins.
 */
export function hitTest(layout: GanttLayout, row: number, t: number, slopMs = 0, stats?: QueryStats): number {
  if (row < 0 || row >= layout.rows.length) return -1;
  const { rowStart, start, end } = layout;
  const hi = rowStart[row + 1]!;
  let best = -1;
  let bestDistance = Infinity;
  for (let i = firstReaching(layout, rowStart[row]!, hi, t - slopMs, stats); i < hi; i++) {
    if (stats) stats.examined++;
    if (start[i]! > t + slopMs) break;
    if (end[i]! <= t - slopMs) continue;
    const distance = t < start[i]! ? start[i]! - t : t >= end[i]! ? t - end[i]! : 0;
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

/** The bar of an order's operation, or -1. */
export function findBar(layout: GanttLayout, order: string, operation: string): number {
  return layout.bars.findIndex((b) => b.order === order && b.operation === operation);
}
