import Type, { type Static } from 'typebox';
import { MachineId, OperationId, OrderId, PlanId } from '../../twin/schema/ids.js';

/**
 * What one machine receives of a plan version: its assignments, in sequence. The contract between the plan
 * dispatcher (client) and any receiver (the embedded plant's OPC UA server, a real machine, an MQTT gateway).
 *
 * OPC UA (ISA-95 Job Control, OPC 10031-4 / OPC 40001-3): each machine object has a `JobManagement` folder with a
 * `JobOrderControl` object whose methods `Store` and `StoreAndStart` take one input argument `JobOrder`
 * (String: this schema as JSON) and return `ReturnStatus` (UInt64: one of JOB_ORDER_RETURN_STATUS). `Start`,
 * `Cancel` and `Clear` take `JobOrderID` (String). Storing the same job order id again with the same content
 * answers OK without a second effect (idempotent); different content under a known id is rejected.
 *
 * MQTT: the job order as JSON on `<prefix>/<machine>/joborder`; the receiver answers on
 * `<prefix>/<machine>/joborder/ack` with `JobOrderAck`.
 */
export const JobOrderOperation = Type.Object(
  {
    order: OrderId,
    operation: OperationId,
    startS: Type.Number({ minimum: 0, description: 'planned start, seconds after the plan epoch' }),
    endS: Type.Number({ minimum: 0 }),
    setupS: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type JobOrderOperation = Static<typeof JobOrderOperation>;

export const JobOrder = Type.Object(
  {
    jobOrderId: Type.String({ minLength: 1, maxLength: 256, description: '<planId>/v<version>/<machine>' }),
    planId: PlanId,
    planVersion: Type.Integer({ minimum: 1 }),
    machine: MachineId,
    epochMs: Type.Number({ description: 'wall-clock time of second 0 of the plan' }),
    operations: Type.Array(JobOrderOperation),
  },
  { additionalProperties: false },
);
export type JobOrder = Static<typeof JobOrder>;

/** ReturnStatus values of the JobOrderControl methods (0 = accepted). */
export const JOB_ORDER_RETURN_STATUS = {
  ok: 0,
  invalidJobOrder: 1,
  unknownMachine: 2,
  conflictingJobOrder: 3,
  unknownJobOrderId: 4,
  notAllowedInState: 5,
} as const;

export const JobOrderAck = Type.Object(
  {
    jobOrderId: Type.String({ minLength: 1 }),
    status: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
    returnStatus: Type.Integer({ minimum: 0 }),
    reason: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type JobOrderAck = Static<typeof JobOrderAck>;

export function jobOrderId(planId: string, version: number, machine: string): string {
  return `${planId}/v${version}/${machine}`;
}
