import Type, { type Static } from 'typebox';
import { Label, MachineId, OperationId, ProductId } from './ids.js';
import { Distribution } from './distribution.js';
import { StringEnum } from './string-enum.js';

/** One machine that can run the operation, and how long it takes there. */
export const Alternative = Type.Object(
  {
    machine: MachineId,
    time: Distribution,
    per: Type.Optional(
      StringEnum(['unit', 'lot'] as const, 'whether `time` is per unit (× quantity) or for the whole lot'),
    ),
  },
  { additionalProperties: false },
);
export type Alternative = Static<typeof Alternative>;

export const Operation = Type.Object(
  {
    id: OperationId,
    name: Type.Optional(Type.String()),
    alternatives: Type.Array(Alternative, { minItems: 1 }),
    setupFamily: Type.Optional(Label),
    batchFamily: Type.Optional(Label),
    skill: Type.Optional(Label),
    operatorFor: Type.Optional(
      StringEnum(
        ['setup', 'whole'] as const,
        'when the operator is needed: during setup only, or the whole operation',
      ),
    ),
    /** Time lags from the end of the previous operation of the same order (cooling, drying; max 0 = no-wait). */
    minLagS: Type.Optional(Type.Number({ minimum: 0 })),
    maxLagS: Type.Optional(Type.Number({ minimum: 0 })),
    scrapRate: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0 })),
    reworkRate: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0 })),
  },
  { additionalProperties: false },
);
export type Operation = Static<typeof Operation>;

/**
 * A component consumed by an operation (default: the first). Components are made by orders of their own in the
 * order book; the bill of materials says what an assembly consumes, so it waits until the components exist.
 */
export const BomItem = Type.Object(
  {
    product: ProductId,
    quantity: Type.Number({
      exclusiveMinimum: 0,
      description: 'units of the component per unit of the product',
    }),
    atOperation: Type.Optional(OperationId),
  },
  { additionalProperties: false },
);
export type BomItem = Static<typeof BomItem>;

export const Product = Type.Object(
  {
    id: ProductId,
    name: Type.Optional(Type.String()),
    family: Type.Optional(Label),
    routing: Type.Array(Operation, { minItems: 1, description: 'operations in processing order' }),
    bom: Type.Optional(Type.Array(BomItem)),
  },
  { additionalProperties: false },
);
export type Product = Static<typeof Product>;
