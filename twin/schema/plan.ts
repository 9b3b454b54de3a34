import Type, { type Static } from 'typebox';
import { MachineId, OperationId, OperatorId, OrderId, PlanId } from './ids.js';
import { EpochMsSchema } from './time.js';
import { StringEnum } from './string-enum.js';

export const PLAN_STATUSES = ['draft', 'validated', 'dispatched', 'acknowledged'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_TRIGGERS = [
  'initial',
  'api',
  'machineDown',
  'machineBack',
  'rushOrder',
  'dueDateChange',
  'quantityChange',
  'operationLate',
  'manual',
] as const;
export type PlanTriggerKind = (typeof PLAN_TRIGGERS)[number];

/** One operation of one order on one machine; times in seconds after the plan's epoch, half-open. */
export const Assignment = Type.Object(
  {
    order: OrderId,
    operation: OperationId,
    machine: MachineId,
    startS: Type.Number({ minimum: 0 }),
    endS: Type.Number({ minimum: 0 }),
    setupS: Type.Optional(Type.Number({ minimum: 0, default: 0, description: 'setup just before start' })),
    batch: Type.Optional(Type.String({ description: 'batch id shared by lots run together' })),
    operator: Type.Optional(OperatorId),
    rank: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: "position in the search's priority list: a repair decodes the plan in this order",
      }),
    ),
  },
  { additionalProperties: false },
);
export type Assignment = Static<typeof Assignment>;

export const PlanTrigger = Type.Object(
  {
    kind: StringEnum(PLAN_TRIGGERS, 'what triggered the plan'),
    detail: Type.Optional(Type.String()),
    atMs: Type.Optional(EpochMsSchema),
  },
  { additionalProperties: false },
);
export type PlanTrigger = Static<typeof PlanTrigger>;

/** Plans are immutable: a reschedule makes a new version with its parent and trigger. */
export const Plan = Type.Object(
  {
    id: PlanId,
    version: Type.Integer({ minimum: 1 }),
    parent: Type.Optional(PlanId),
    status: StringEnum(PLAN_STATUSES, 'a plan status'),
    trigger: PlanTrigger,
    createdAtMs: EpochMsSchema,
    epochMs: Type.Number({ description: 'wall-clock time of second 0 of the plan' }),
    seed: Type.Integer({ minimum: 0 }),
    inputHash: Type.String({ minLength: 1 }),
    engine: Type.String({ minLength: 1, description: 'solver name and version' }),
    frozen: Type.Array(Type.Integer({ minimum: 0 }), {
      description: 'indices of assignments that may not move',
    }),
    assignments: Type.Array(Assignment),
  },
  { additionalProperties: false },
);
export type Plan = Static<typeof Plan>;
