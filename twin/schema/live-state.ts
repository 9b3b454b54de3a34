import Type, { type Static } from 'typebox';
import { MachineId, OperationId, OrderId } from './ids.js';
import { MachineryItemState, MachineryOperationMode, ShopFloorState } from './machine-state.js';
import { EpochMsSchema } from './time.js';

/** What the twin knows about one machine now. */
export const MachineLiveState = Type.Object(
  {
    machine: MachineId,
    state: ShopFloorState,
    itemState: MachineryItemState,
    operationMode: MachineryOperationMode,
    sinceMs: EpochMsSchema,
    order: Type.Optional(OrderId),
    operation: Type.Optional(OperationId),
    partCount: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type MachineLiveState = Static<typeof MachineLiveState>;
