import type { UDataSet, UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import Type, { type Static } from 'typebox';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { sparkplugNumber } from '../mqtt/sparkplug-codec.js';
import { JobOrder } from './job-order.js';

/**
 * The job order contract (job-order.ts) as Sparkplug B metrics. The host sends a DCMD to the machine's device
 * (`spBv1.0/<group>/DCMD/<edge node>/<device>`) with the JOB_ORDER_METRICS; the device answers with a DDATA (or
 * reports in its DBIRTH) carrying the ACK_METRICS of the job order it holds. Idempotent like the other
 * transports: storing the same job order id with the same content again answers 0 without a second effect,
 * different content under a known id answers conflictingJobOrder (3).
 */
export const JOB_ORDER_METRICS = {
  id: 'Job Order/ID',
  planId: 'Job Order/Plan ID',
  planVersion: 'Job Order/Plan Version',
  machine: 'Job Order/Machine',
  epoch: 'Job Order/Epoch',
  method: 'Job Order/Method',
  operations: 'Job Order/Operations',
} as const;

export const ACK_METRICS = {
  id: 'Job Order/Ack/ID',
  returnStatus: 'Job Order/Ack/Return Status',
  state: 'Job Order/Ack/State',
  reason: 'Job Order/Ack/Reason',
} as const;

/** Columns of the `Job Order/Operations` DataSet, one row per operation in sequence; no setup is 0. */
const OPERATION_COLUMNS = ['Order', 'Operation', 'Start S', 'End S', 'Setup S'];
const OPERATION_TYPES = ['String', 'String', 'Double', 'Double', 'Double'];

export const JOB_ORDER_METHODS = ['Store', 'StoreAndStart'] as const;
export type JobOrderMethod = (typeof JOB_ORDER_METHODS)[number];

/** ISA-95 job order states a device reports after a command (OPC 10031-4): stored, or stored and released. */
export const JOB_ORDER_STATES = [
  'NotAllowedToStart',
  'AllowedToStart',
  'Running',
  'Ended',
  'Aborted',
] as const;

/** A device's answer, read from its metrics. */
export const SparkplugJobOrderAck = Type.Object(
  {
    jobOrderId: Type.String({ minLength: 1, maxLength: 256 }),
    returnStatus: Type.Integer({ minimum: 0 }),
    state: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Why a job order was rejected (the same text an OPC UA receiver would log), for the dispatcher's report. */
    reason: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type SparkplugJobOrderAck = Static<typeof SparkplugJobOrderAck>;

/** The DCMD metrics of one job order. */
export function jobOrderMetrics(order: JobOrder, method: JobOrderMethod, timestampMs: number): UMetric[] {
  const rows = order.operations.map((op) => [op.order, op.operation, op.startS, op.endS, op.setupS ?? 0]);
  const operations: UDataSet = {
    numOfColumns: OPERATION_COLUMNS.length,
    columns: OPERATION_COLUMNS,
    types: OPERATION_TYPES,
    rows,
  } as UDataSet;
  const metric = (name: string, type: UMetric['type'], value: UMetric['value']): UMetric => ({
    name,
    type,
    value,
    timestamp: timestampMs,
  });
  return [
    metric(JOB_ORDER_METRICS.id, 'String', order.jobOrderId),
    metric(JOB_ORDER_METRICS.planId, 'String', order.planId),
    metric(JOB_ORDER_METRICS.planVersion, 'UInt32', order.planVersion),
    metric(JOB_ORDER_METRICS.machine, 'String', order.machine),
    metric(JOB_ORDER_METRICS.epoch, 'DateTime', order.epochMs),
    metric(JOB_ORDER_METRICS.method, 'String', method),
    metric(JOB_ORDER_METRICS.operations, 'DataSet', operations),
  ];
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * A job order from DCMD metrics (what a device or gateway does with the command), checked against the JobOrder
 * schema; a problem names the metric or field and why.
 */
export function jobOrderFromMetrics(
  metrics: readonly UMetric[],
): Decoded<{ order: JobOrder; method: JobOrderMethod }> {
  const byName = new Map(metrics.map((m) => [m.name ?? '', m]));
  const problems: string[] = [];
  const read = <T>(name: string, convert: (value: unknown) => T | undefined, what: string): T | undefined => {
    const metric = byName.get(name);
    if (!metric) return void problems.push(`${name}: is missing`);
    const value = convert(metric.value);
    if (value === undefined) problems.push(`${name}: must be ${what}`);
    return value;
  };
  const jobOrderId = read(JOB_ORDER_METRICS.id, asString, 'a string');
  const planId = read(JOB_ORDER_METRICS.planId, asString, 'a string');
  const planVersion = read(JOB_ORDER_METRICS.planVersion, sparkplugNumber, 'a whole number');
  const machine = read(JOB_ORDER_METRICS.machine, asString, 'a string');
  const epochMs = read(JOB_ORDER_METRICS.epoch, sparkplugNumber, 'a date-time');
  const method = read(
    JOB_ORDER_METRICS.method,
    (v) => ((JOB_ORDER_METHODS as readonly unknown[]).includes(v) ? (v as JobOrderMethod) : undefined),
    `one of ${JOB_ORDER_METHODS.join(', ')}`,
  );
  const operations = read(JOB_ORDER_METRICS.operations, operationsFrom, 'a DataSet of operations');
  if (problems.length > 0 || method === undefined) return { ok: false, problem: problems.join('; ') };
  const checked = checkSchema(JobOrder, { jobOrderId, planId, planVersion, machine, epochMs, operations });
  if (!checked.ok)
    return {
      ok: false,
      problem: checked.issues.map((i) => `job order ${i.path || '(top)'}: ${i.message}`).join('; '),
    };
  return { ok: true, value: { order: checked.value, method } };
}

/** The DDATA/DBIRTH metrics of a device's answer: by alias where `aliases` gives one, else by name. */
export function ackMetrics(
  ack: SparkplugJobOrderAck,
  aliases?: Partial<Record<keyof typeof ACK_METRICS, number>>,
) {
  const metric = (key: keyof typeof ACK_METRICS, type: UMetric['type'], value: UMetric['value']): UMetric => {
    const alias = aliases?.[key];
    return alias === undefined ? { name: ACK_METRICS[key], type, value } : { alias, type, value };
  };
  const metrics = [
    metric('id', 'String', ack.jobOrderId),
    metric('returnStatus', 'UInt32', ack.returnStatus),
  ];
  if (ack.state !== undefined) metrics.push(metric('state', 'String', ack.state));
  if (ack.reason !== undefined) metrics.push(metric('reason', 'String', ack.reason));
  return metrics;
}

/**
 * A device's answer from data metrics, names given directly or through `aliasNames` (alias → name, from the
 * device's birth). undefined when the metrics carry no answer (other data of the device); a problem when they
 * carry a broken one.
 */
export function ackFromMetrics(
  metrics: readonly UMetric[],
  aliasNames: ReadonlyMap<number, string> | undefined,
): Decoded<SparkplugJobOrderAck> | undefined {
  let jobOrderId: unknown;
  let returnStatus: unknown;
  let state: unknown;
  let reason: unknown;
  let found = false;
  for (const metric of metrics) {
    const alias = sparkplugNumber(metric.alias);
    const name = metric.name || (alias === undefined ? undefined : aliasNames?.get(alias));
    if (name === ACK_METRICS.id) jobOrderId = metric.value;
    else if (name === ACK_METRICS.returnStatus) returnStatus = sparkplugNumber(metric.value) ?? metric.value;
    // A birth declares every answer metric: an answer without a state or reason reports them empty.
    else if (name === ACK_METRICS.state) state = metric.value || undefined;
    else if (name === ACK_METRICS.reason) reason = metric.value || undefined;
    else continue;
    found = true;
  }
  // No answer metrics, or a device holding no job order yet (its birth reports the id as null or empty).
  if (!found || jobOrderId === null || jobOrderId === undefined || jobOrderId === '') return undefined;
  const checked = checkSchema(SparkplugJobOrderAck, {
    jobOrderId,
    returnStatus,
    ...(state !== undefined && { state }),
    ...(reason !== undefined && { reason }),
  });
  if (checked.ok) return { ok: true, value: checked.value };
  const names: Record<string, string> = {
    jobOrderId: ACK_METRICS.id,
    returnStatus: ACK_METRICS.returnStatus,
    state: ACK_METRICS.state,
    reason: ACK_METRICS.reason,
  };
  return {
    ok: false,
    problem: checked.issues.map((i) => `${names[i.path] ?? (i.path || 'ack')}: ${i.message}`).join('; '),
  };
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The DataSet's rows as operations, not yet checked against the schema (the whole job order is, after). */
function operationsFrom(value: unknown): Record<string, unknown>[] | undefined {
  const set = value as Partial<UDataSet> | null;
  if (!set || !Array.isArray(set.rows) || !Array.isArray(set.columns)) return undefined;
  if (set.columns.join('|') !== OPERATION_COLUMNS.join('|')) return undefined;
  const operations: Record<string, unknown>[] = [];
  for (const row of set.rows) {
    const [order, operation, startS, endS, setupS] = row.map((cell) => sparkplugNumber(cell) ?? cell);
    if (typeof order !== 'string' || typeof operation !== 'string') return undefined;
    if (typeof startS !== 'number' || typeof endS !== 'number' || typeof setupS !== 'number')
      return undefined;
    const op: Record<string, unknown> = { order, operation, startS, endS };
    if (setupS) op.setupS = setupS;
    operations.push(op);
  }
  return operations;
}
