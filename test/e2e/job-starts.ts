// Which job each machine takes, replayed from the live stream: the snapshot that greets a client, then the
// twin deltas. An end-to-end test compares the jobs machines start with the plan that was dispatched.
import type { Assignment } from '../../twin/schema/plan.js';
import type { TwinSnapshot } from '../../twin/schema/twin-snapshot.js';
import type { TwinDelta } from '../../twin/store/twin-store.js';
import type { StreamMessage } from './stream-client.js';

export interface JobStart {
  /** The stream message that showed it. */
  seq: number;
  machine: string;
  order: string;
  operation: string;
  /** The plan assigns this operation of this order to this machine. */
  planned: boolean;
}

interface Job {
  order: string | null;
  operation: string | null;
}

const key = (machine: string, order: string, operation: string): string =>
  `${machine}\u0000${order}\u0000${operation}`;

/** Every time a machine took a new (order, operation) after the stream's first snapshot, in stream order. */
export function jobStarts(
  messages: readonly StreamMessage[],
  assignments: readonly Assignment[],
): JobStart[] {
  const planned = new Set(assignments.map((a) => key(a.machine, a.order, a.operation)));
  const current = new Map<string, Job>();
  const starts: JobStart[] = [];
  for (const message of messages) {
    if (message.type === 'hello' || message.type === 'resync') {
      current.clear();
      for (const m of (message.data as TwinSnapshot).machines) {
        current.set(m.id, { order: m.order ?? null, operation: m.operation ?? null });
      }
      continue;
    }
    if (message.type !== 'twin') continue;
    // A job change is an order and an operation in one batch: compare each machine before and after it.
    const before = new Map<string, string>();
    for (const d of message.data as TwinDelta[]) {
      if (d.order === undefined && d.operation === undefined) continue;
      const job = current.get(d.machine) ?? { order: null, operation: null };
      if (!before.has(d.machine)) before.set(d.machine, `${job.order}\u0000${job.operation}`);
      if (d.order !== undefined) job.order = d.order;
      if (d.operation !== undefined) job.operation = d.operation;
      current.set(d.machine, job);
    }
    for (const [machine, was] of before) {
      const job = current.get(machine)!;
      if (job.order === null || job.operation === null) continue;
      if (`${job.order}\u0000${job.operation}` === was) continue;
      starts.push({
        seq: message.seq,
        machine,
        order: job.order,
        operation: job.operation,
        planned: planned.has(key(machine, job.order, job.operation)),
      });
    }
  }
  return starts;
}
