import Type, { type Static } from 'typebox';
import { BufferId, CalendarId, LineId, MachineId, SetupMatrixId } from './ids.js';
import { Distribution } from './distribution.js';
import { MachineKind, Placement } from './layout.js';
import { TimeWindow } from './time.js';
import { StringEnum } from './string-enum.js';

/** A batch machine (oven, washer) runs several lots of one batch family together. */
export const BatchSpec = Type.Object(
  {
    maxUnits: Type.Integer({ minimum: 1, description: 'units per batch at most' }),
    minUnits: Type.Optional(
      Type.Integer({ minimum: 1, default: 1, description: 'units before a batch starts' }),
    ),
    maxWaitS: Type.Optional(
      Type.Number({ minimum: 0, description: 'start a partial batch after waiting this long' }),
    ),
  },
  { additionalProperties: false },
);
export type BatchSpec = Static<typeof BatchSpec>;

/** Power draw in kW per shop-floor state; missing states fall back (see twin/energy.ts). */
export const PowerKw = Type.Object(
  {
    running: Type.Number({ minimum: 0 }),
    idle: Type.Number({ minimum: 0 }),
    setup: Type.Optional(Type.Number({ minimum: 0 })),
    down: Type.Optional(Type.Number({ minimum: 0 })),
    maintenance: Type.Optional(Type.Number({ minimum: 0 })),
    blocked: Type.Optional(Type.Number({ minimum: 0 })),
    starved: Type.Optional(Type.Number({ minimum: 0 })),
    off: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type PowerKw = Static<typeof PowerKw>;

export const FAILURE_CLOCKS = ['operating', 'calendar'] as const;

export const Machine = Type.Object(
  {
    id: MachineId,
    name: Type.Optional(Type.String()),
    kind: MachineKind,
    line: LineId,
    placement: Placement,
    capacity: Type.Optional(
      Type.Integer({ minimum: 1, default: 1, description: 'lots processed at once on parallel stations' }),
    ),
    batch: Type.Optional(BatchSpec),
    setupMatrix: Type.Optional(SetupMatrixId),
    calendar: Type.Optional(CalendarId),
    maintenance: Type.Optional(Type.Array(TimeWindow, { description: 'planned maintenance windows' })),
    downtime: Type.Optional(
      Type.Array(TimeWindow, {
        description: 'known unplanned downtime: a breakdown under repair, a what-if outage',
      }),
    ),
    /** Time to failure and time to repair; failures count operating time or calendar time. */
    ttf: Type.Optional(Distribution),
    ttr: Type.Optional(Distribution),
    failureClock: Type.Optional(StringEnum(FAILURE_CLOCKS, 'what the time to failure counts')),
    powerKw: Type.Optional(PowerKw),
    inputBuffer: Type.Optional(BufferId),
    outputBuffer: Type.Optional(BufferId),
  },
  { additionalProperties: false },
);
export type Machine = Static<typeof Machine>;
