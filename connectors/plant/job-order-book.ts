import { checkSchema } from '../../twin/validate/schema-check.js';
import type { Assignment, Plan } from '../../twin/schema/plan.js';
import { JOB_ORDER_RETURN_STATUS as RS, JobOrder } from '../dispatch/job-order.js';

/** A job order's life on the receiver (ISA-95 job order states, simplified). */
export const JOB_ORDER_STATES = ['stored', 'running', 'ended', 'cancelled', 'superseded'] as const;
export type JobOrderState = (typeof JOB_ORDER_STATES)[number];

export interface ReceivedJobOrder {
  jobOrder: JobOrder;
  state: JobOrderState;
  storedAtMs: number;
  startedAtMs?: number;
  /** The order in which job orders were started (later wins where two plan the same operation). */
  startSeq?: number;
}

export interface JobOrderAnswer {
  returnStatus: number;
  reason?: string;
  /** `store` only, when accepted: the stored job order's id (for `StoreAndStart`). */
  jobOrderId?: string;
  /** `start` only: the job orders it superseded (to restore if the plant cannot follow the new one). */
  superseded?: string[];
}

/** Checks a job order against the plant: every operation exists and may run on the machine. */
export type JobOrderCheck = (jobOrder: JobOrder) => string | undefined;

const ok: JobOrderAnswer = { returnStatus: RS.ok };
const no = (returnStatus: number, reason: string): JobOrderAnswer => ({ returnStatus, reason });

/**
 * The job orders a plant received, with their states. Idempotent on jobOrderId: the same content again is OK
 * with no second effect, other content under a known id is a conflict. Bounded: finished job orders beyond
 * `capacity` are forgotten, oldest first.
 */
export class JobOrderBook {
  private readonly byId = new Map<string, { record: ReceivedJobOrder; json: string }>();
  private seq = 0;

  constructor(
    private readonly machines: ReadonlySet<string>,
    private readonly check: JobOrderCheck,
    private readonly capacity = 1_000,
  ) {}

  list(): ReceivedJobOrder[] {
    return [...this.byId.values()].map((x) => x.record);
  }

  get(id: string): ReceivedJobOrder | undefined {
    return this.byId.get(id)?.record;
  }

  /**
   * Store a job order arriving at `machine`'s JobOrderControl as JSON text (`Store`; `StoreAndStart` then
   * calls `start`). Never throws: bad input is answered with its ReturnStatus and the reason.
   */
  store(machine: string, text: unknown, nowMs: number): JobOrderAnswer {
    if (!this.machines.has(machine)) return no(RS.unknownMachine, `unknown machine "${machine}"`);
    if (typeof text !== 'string') return no(RS.invalidJobOrder, 'JobOrder: must be a String of JSON');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return no(RS.invalidJobOrder, `JobOrder: not JSON (${(e as Error).message})`);
    }
    const checked = checkSchema(JobOrder, parsed);
    if (!checked.ok) {
      const first = checked.issues[0]!;
      return no(RS.invalidJobOrder, `JobOrder${first.path ? `.${first.path}` : ''}: ${first.message}`);
    }
    const jobOrder = checked.value;
    if (jobOrder.machine !== machine)
      return no(
        RS.unknownMachine,
        `JobOrder.machine: "${jobOrder.machine}" arrived at the JobOrderControl of "${machine}"`,
      );
    const json = JSON.stringify(jobOrder);
    const known = this.byId.get(jobOrder.jobOrderId);
    const stored: JobOrderAnswer = { returnStatus: RS.ok, jobOrderId: jobOrder.jobOrderId };
    if (known)
      return known.json === json
        ? stored
        : no(RS.conflictingJobOrder, `job order "${jobOrder.jobOrderId}" is known with other content`);
    const bad = this.check(jobOrder);
    if (bad) return no(RS.invalidJobOrder, bad);
    this.evict();
    this.byId.set(jobOrder.jobOrderId, { record: { jobOrder, state: 'stored', storedAtMs: nowMs }, json });
    return stored;
  }

  /** Start a stored job order; the machine's other running job order is superseded. Starting twice is OK. */
  start(machine: string, id: string, nowMs: number): JobOrderAnswer {
    const r = this.find(machine, id);
    if ('returnStatus' in r) return r;
    if (r.state === 'running' || r.state === 'ended') return ok;
    if (r.state !== 'stored') return no(RS.notAllowedInState, `job order "${id}" is ${r.state}`);
    const superseded: string[] = [];
    for (const [otherId, other] of this.byId)
      if (other.record.state === 'running' && other.record.jobOrder.machine === machine) {
        other.record.state = 'superseded';
        superseded.push(otherId);
      }
    r.state = 'running';
    r.startedAtMs = nowMs;
    r.startSeq = ++this.seq;
    return { ...ok, superseded };
  }

  /** Undo a start that the plant could not carry out. */
  unstart(id: string, superseded: readonly string[] = []): void {
    const r = this.get(id);
    if (r?.state === 'running') {
      r.state = 'stored';
      delete r.startedAtMs;
      delete r.startSeq;
    }
    for (const other of superseded) {
      const o = this.get(other);
      if (o?.state === 'superseded') o.state = 'running';
    }
  }

  cancel(machine: string, id: string): JobOrderAnswer {
    const r = this.find(machine, id);
    if ('returnStatus' in r) return r;
    if (r.state === 'cancelled') return ok;
    if (r.state !== 'stored' && r.state !== 'running')
      return no(RS.notAllowedInState, `job order "${id}" is ${r.state}`);
    r.state = 'cancelled';
    return ok;
  }

  /** Forget a job order that is not running. */
  clear(machine: string, id: string): JobOrderAnswer {
    const r = this.find(machine, id);
    if ('returnStatus' in r) return r;
    if (r.state === 'running')
      return no(RS.notAllowedInState, `job order "${id}" is running: cancel it first`);
    this.byId.delete(id);
    return ok;
  }

  /** Running job orders whose every operation is done end. */
  markEnded(isDone: (order: string, operation: string) => boolean): void {
    for (const { record } of this.byId.values())
      if (record.state === 'running' && record.jobOrder.operations.every((o) => isDone(o.order, o.operation)))
        record.state = 'ended';
  }

  /**
   * The plan the plant follows: the running job orders' operations, times moved to the plan epoch `epochMs`.
   * Where two started job orders plan the same operation, the later start wins.
   */
  plan(epochMs: number, id: string): Plan | undefined {
    const running = this.list()
      .filter((r) => r.state === 'running')
      .sort((a, b) => a.startSeq! - b.startSeq!);
    if (running.length === 0) return undefined;
    const byOperation = new Map<string, Assignment>();
    for (const { jobOrder } of running) {
      const shiftS = (jobOrder.epochMs - epochMs) / 1000;
      for (const o of jobOrder.operations) {
        byOperation.set(`${o.order}\u0000${o.operation}`, {
          order: o.order,
          operation: o.operation,
          machine: jobOrder.machine,
          startS: Math.max(0, o.startS + shiftS),
          endS: Math.max(0, o.endS + shiftS),
          ...(o.setupS !== undefined && { setupS: o.setupS }),
        });
      }
    }
    return {
      id: id as Plan['id'],
      version: 1,
      status: 'dispatched',
      trigger: { kind: 'api', detail: 'job orders received' },
      createdAtMs: epochMs,
      epochMs,
      seed: 0,
      inputHash: 'job-orders',
      engine: 'embedded-plant',
      frozen: [],
      assignments: [...byOperation.values()],
    };
  }

  private find(machine: string, id: unknown): ReceivedJobOrder | JobOrderAnswer {
    if (!this.machines.has(machine)) return no(RS.unknownMachine, `unknown machine "${machine}"`);
    if (typeof id !== 'string' || id === '')
      return no(RS.invalidJobOrder, 'JobOrderID: must be a non-empty String');
    const r = this.get(id);
    if (!r || r.jobOrder.machine !== machine)
      return no(RS.unknownJobOrderId, `no job order "${id}" at machine "${machine}"`);
    return r;
  }

  private evict(): void {
    if (this.byId.size < this.capacity) return;
    for (const [id, { record }] of this.byId) {
      if (record.state === 'stored' || record.state === 'running') continue;
      this.byId.delete(id);
      if (this.byId.size < this.capacity) return;
    }
  }
}
