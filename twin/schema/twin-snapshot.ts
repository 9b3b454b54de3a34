import Type, { type Static } from 'typebox';
import { QUALITIES } from './observation.js';
import {
  MachineryItemState,
  MachineryOperationMode,
  SHOP_FLOOR_STATES,
  ShopFloorState,
} from './machine-state.js';
import { EpochMsSchema } from './time.js';
import { StringEnum } from './string-enum.js';

/** The last value of one signal of one asset. */
export const SignalValue = Type.Object(
  {
    value: Type.Union([Type.Number(), Type.Boolean(), Type.String(), Type.Null()]),
    quality: StringEnum(QUALITIES, 'a data quality'),
    ts: EpochMsSchema,
  },
  { additionalProperties: false },
);
export type SignalValue = Static<typeof SignalValue>;

/** Time spent per shop-floor state since the twin started watching, in ms. */
export const StateDurations = Type.Object(
  Object.fromEntries(SHOP_FLOOR_STATES.map((s) => [s, Type.Number({ minimum: 0 })])) as Record<
    (typeof SHOP_FLOOR_STATES)[number],
    ReturnType<typeof Type.Number>
  >,
  { additionalProperties: false },
);
export type StateDurations = Static<typeof StateDurations>;

/** OEE and its factors (ISO 22400-2), each in [0, 1]. */
export const Oee = Type.Object(
  {
    availability: Type.Number({ minimum: 0, maximum: 1 }),
    performance: Type.Number({ minimum: 0, maximum: 1 }),
    quality: Type.Number({ minimum: 0, maximum: 1 }),
    oee: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type Oee = Static<typeof Oee>;

export const MachineView = Type.Object(
  {
    id: Type.String(),
    line: Type.String(),
    kind: Type.String(),
    state: ShopFloorState,
    itemState: MachineryItemState,
    operationMode: MachineryOperationMode,
    sinceMs: EpochMsSchema,
    order: Type.Optional(Type.String()),
    operation: Type.Optional(Type.String()),
    partCount: Type.Integer({ minimum: 0 }),
    scrapCount: Type.Integer({ minimum: 0 }),
    quality: StringEnum(QUALITIES, 'a data quality'),
    signals: Type.Record(Type.String(), SignalValue),
    stateMs: StateDurations,
    energyKwh: Type.Number({ minimum: 0 }),
    oee: Oee,
  },
  { additionalProperties: false },
);
export type MachineView = Static<typeof MachineView>;

export const Alarm = Type.Object(
  {
    id: Type.Integer({ minimum: 0 }),
    asset: Type.String(),
    kind: Type.String({ description: 'machineDown, badQuality, …' }),
    message: Type.String(),
    sinceMs: EpochMsSchema,
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type Alarm = Static<typeof Alarm>;

export const TwinKpis = Type.Object(
  {
    oee: Oee,
    lines: Type.Record(Type.String(), Oee),
    throughputPerHour: Type.Number({ minimum: 0, description: 'good parts per hour over the last window' }),
    wip: Type.Integer({ minimum: 0, description: 'orders being worked on now' }),
    energyKwh: Type.Number({ minimum: 0 }),
    powerKw: Type.Number({ minimum: 0 }),
    bottleneck: Type.Optional(
      Type.String({ description: 'the machine busiest (running + setup) of the rest' }),
    ),
  },
  { additionalProperties: false },
);
export type TwinKpis = Static<typeof TwinKpis>;

export const TwinSnapshot = Type.Object(
  {
    seq: Type.Integer({ minimum: 0, description: 'sequence number of the last change applied' }),
    atMs: EpochMsSchema,
    machines: Type.Array(MachineView),
    kpis: TwinKpis,
    alarms: Type.Array(Alarm),
    activePlan: Type.Optional(Type.Object({ id: Type.String(), version: Type.Integer() })),
  },
  { additionalProperties: false },
);
export type TwinSnapshot = Static<typeof TwinSnapshot>;
