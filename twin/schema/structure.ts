import Type, { type Static } from 'typebox';
import { AreaId, BufferId, CalendarId, LineId, LocationId, SiteId, TransporterId } from './ids.js';
import { Placement, Position } from './layout.js';
import { StringEnum } from './string-enum.js';

export const Site = Type.Object(
  {
    id: SiteId,
    name: Type.String({ minLength: 1 }),
    timezone: Type.Optional(Type.String({ minLength: 1, description: 'IANA time zone, e.g. Asia/Shanghai' })),
    calendar: Type.Optional(CalendarId),
  },
  { additionalProperties: false },
);
export type Site = Static<typeof Site>;

export const Area = Type.Object(
  { id: AreaId, name: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type Area = Static<typeof Area>;

export const Line = Type.Object(
  {
    id: LineId,
    name: Type.Optional(Type.String()),
    area: AreaId,
    kind: Type.Optional(StringEnum(['line', 'cell'] as const, 'a line kind')),
  },
  { additionalProperties: false },
);
export type Line = Static<typeof Line>;

export const Buffer = Type.Object(
  {
    id: BufferId,
    name: Type.Optional(Type.String()),
    line: Type.Optional(LineId),
    capacity: Type.Integer({ minimum: 1, description: 'how many lots it holds' }),
    placement: Placement,
  },
  { additionalProperties: false },
);
export type Buffer = Static<typeof Buffer>;

export const TRANSPORTER_KINDS = ['agv', 'conveyor', 'forklift'] as const;
export const Transporter = Type.Object(
  {
    id: TransporterId,
    name: Type.Optional(Type.String()),
    kind: StringEnum(TRANSPORTER_KINDS, 'a transporter kind'),
    speedMps: Type.Number({ exclusiveMinimum: 0, description: 'travel speed in metres per second' }),
    capacity: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'lots carried at once' })),
    loadS: Type.Optional(Type.Number({ minimum: 0, default: 0 })),
    unloadS: Type.Optional(Type.Number({ minimum: 0, default: 0 })),
    home: Type.Optional(Position),
    /** A conveyor links two locations (machine or buffer ids); AGVs and forklifts roam. */
    from: Type.Optional(LocationId),
    to: Type.Optional(LocationId),
    lines: Type.Optional(Type.Array(LineId, { description: 'lines it serves (all when omitted)' })),
  },
  { additionalProperties: false },
);
export type Transporter = Static<typeof Transporter>;
