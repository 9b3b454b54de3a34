import Type, { type Static } from 'typebox';
import { MachineId, OperationId, OrderId, ProductId } from './ids.js';
import { Instant } from './time.js';
import { StringEnum } from './string-enum.js';

export const OPERATION_STATUSES = ['pending', 'running', 'done'] as const;

/** What the shop floor has done so far on one operation of an order. */
export const OperationProgress = Type.Object(
  {
    operation: OperationId,
    status: StringEnum(OPERATION_STATUSES, 'an operation status'),
    completedUnits: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    machine: Type.Optional(MachineId),
    startedAt: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type OperationProgress = Static<typeof OperationProgress>;

export const Order = Type.Object(
  {
    id: OrderId,
    product: ProductId,
    quantity: Type.Integer({ minimum: 1 }),
    release: Type.Optional(Instant),
    due: Type.Optional(Instant),
    priority: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 9, default: 5, description: '0 lowest, 9 highest' }),
    ),
    weight: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, default: 1, description: 'weight of its tardiness' }),
    ),
    customer: Type.Optional(Type.String()),
    progress: Type.Optional(Type.Array(OperationProgress)),
  },
  { additionalProperties: false },
);
export type Order = Static<typeof Order>;
