import type { Alarm, Assignment, MachineView, SignalValue, TwinEvent } from '../api/types.js';

// Shapes of the detail routes (connectors/http/routes/twin.ts), restated here as the viewer takes types only.

/** `GET /api/machines/:id` */
export interface MachineDetail {
  machine: MachineView;
  /** The machine's last state events ('a → b'), oldest first. */
  stateHistory: TwinEvent[];
  currentJob: { order: string; operation?: string } | null;
  /** The machine's assignments in the active plan (seconds after the plan's epoch). */
  planned: Assignment[];
  alarms: Alarm[];
}

/** One operation as the shop floor ran it (twin/store/order-trace.ts TraceStep). */
export interface TraceStep {
  order: string;
  operation?: string;
  machine: string;
  startMs: number;
  endMs?: number;
  signalsAtStart: Record<string, SignalValue>;
  signalsAtEnd?: Record<string, SignalValue>;
}

/** `GET /api/orders/:id/trace` */
export interface OrderTrace {
  order: string;
  steps: TraceStep[];
  planned: Assignment[];
}

/** `GET /api/history` */
export interface SignalHistory {
  asset: string;
  signal: string;
  fromMs: number;
  toMs: number;
  points: { ts: number; value: number | boolean | string | null; quality: string }[];
}

/** An assignment placed in time (epoch ms). */
export interface TimedOperation {
  order: string;
  operation: string;
  machine: string;
  startMs: number;
  endMs: number;
}

/** Assignments in time order, placed on the wall clock with the plan's epoch. */
export function timedOperations(planned: readonly Assignment[], epochMs: number): TimedOperation[] {
  return planned
    .map((a) => ({
      order: a.order,
      operation: a.operation,
      machine: a.machine,
      startMs: epochMs + a.startS * 1000,
      endMs: epochMs + a.endS * 1000,
    }))
    .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

/** The machine's next planned operations: not yet ended at `nowMs`, earliest first, at most `max`. */
export function nextOperations(
  planned: readonly Assignment[],
  epochMs: number,
  nowMs: number,
  max: number,
): TimedOperation[] {
  return timedOperations(planned, epochMs)
    .filter((o) => o.endMs > nowMs)
    .slice(0, max);
}

/** Active alarms first, then the newest first. */
export function sortAlarms(alarms: readonly Alarm[]): Alarm[] {
  return alarms
    .slice()
    .sort((a, b) => Number(b.active) - Number(a.active) || b.sinceMs - a.sinceMs || b.id - a.id);
}

/** Names of the signals with a numeric value (those worth a chart), sorted. */
export function numericSignals(signals: Readonly<Record<string, SignalValue>>): string[] {
  return Object.keys(signals)
    .filter((name) => {
      const v = signals[name]!.value;
      return typeof v === 'number' && Number.isFinite(v);
    })
    .sort();
}

/** A signal of a trace step: its value when the operation started and when it ended (if it has). */
export interface TraceSignalRow {
  signal: string;
  start: SignalValue['value'] | undefined;
  end: SignalValue['value'] | undefined;
}

/**
 * The process signals of a trace step for quality traceability, numeric ones only (order and operation
 * ids are already the step's own columns), sorted by name.
 */
export function traceSignalRows(step: TraceStep): TraceSignalRow[] {
  const names = new Set([...numericSignals(step.signalsAtStart), ...numericSignals(step.signalsAtEnd ?? {})]);
  return [...names].sort().map((signal) => ({
    signal,
    start: step.signalsAtStart[signal]?.value,
    end: step.signalsAtEnd?.[signal]?.value,
  }));
}

/** The numeric points of a signal's history, as parallel arrays for a sparkline. */
export function numericPoints(history: SignalHistory): { ts: number[]; values: number[] } {
  const ts: number[] = [];
  const values: number[] = [];
  for (const p of history.points) {
    if (typeof p.value !== 'number' || !Number.isFinite(p.value)) continue;
    ts.push(p.ts);
    values.push(p.value);
  }
  return { ts, values };
}

/**
 * Trace steps worth showing: a machine that reports the order a moment before the operation leaves an
 * empty step (no operation, no duration) in the trace; it says nothing and is dropped.
 */
export function meaningfulSteps(steps: readonly TraceStep[]): TraceStep[] {
  return steps.filter((s) => s.operation !== undefined || s.endMs === undefined || s.endMs > s.startMs);
}
