import Type, { type Static } from 'typebox';
import { QUALITIES } from './observation.js';
import { ShopFloorState } from './machine-state.js';
import { Alarm, SignalValue, StateDurations } from './twin-snapshot.js';
import { StringEnum } from './string-enum.js';

/** One machine's live record as saved: enough to carry durations, counters and energy across a restart. */
export const MachineRecordState = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    state: ShopFloorState,
    sinceMs: Type.Number(),
    order: Type.Optional(Type.String()),
    operation: Type.Optional(Type.String()),
    partCount: Type.Number({ minimum: 0 }),
    scrapCount: Type.Number({ minimum: 0 }),
    quality: StringEnum(QUALITIES, 'a data quality'),
    signals: Type.Record(Type.String(), SignalValue),
    stateMs: StateDurations,
    energyKwh: Type.Number({ minimum: 0 }),
    accountedToMs: Type.Number(),
    measuredPowerKw: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type MachineRecordState = Static<typeof MachineRecordState>;

export const TWIN_EVENT_KINDS = ['state', 'job', 'alarm', 'alarmCleared'] as const;

/** One entry of the twin's event log (state and job changes, alarms raised and cleared), as kept and saved. */
export const TwinEventState = Type.Object(
  {
    seq: Type.Integer({ minimum: 0 }),
    atMs: Type.Number(),
    asset: Type.String(),
    kind: StringEnum(TWIN_EVENT_KINDS, 'an event kind'),
    detail: Type.String(),
  },
  { additionalProperties: false },
);
export type TwinEvent = Static<typeof TwinEventState>;

/**
 * The twin store saved to disk (the service's periodic snapshot). Versioned: a later layout adds a migration,
 * and a file of an unknown version is refused with a clear error rather than half read.
 */
export const TwinStoreState = Type.Object(
  {
    version: Type.Literal(1),
    savedAtMs: Type.Number({ description: 'the twin time (last observation) when it was saved' }),
    seq: Type.Integer({ minimum: 0 }),
    nextAlarmId: Type.Integer({ minimum: 0 }),
    alarmVersion: Type.Integer({ minimum: 0 }),
    machines: Type.Array(MachineRecordState),
    alarms: Type.Array(Alarm),
    events: Type.Array(TwinEventState),
    throughput: Type.Object(
      {
        bucketMs: Type.Number({ exclusiveMinimum: 0 }),
        ids: Type.Array(Type.Number()),
        parts: Type.Array(Type.Number({ minimum: 0 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type TwinStoreState = Static<typeof TwinStoreState>;
