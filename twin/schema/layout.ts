import Type, { type Static } from 'typebox';
import { StringEnum } from './string-enum.js';

// Floor-plan coordinates in metres: x to the east, y to the north, z up. A placement's position is the centre
// of its footprint on the floor; rotation turns it about the vertical axis through that centre.
export const Position = Type.Object(
  {
    x: Type.Number({ description: 'metres east of the site origin' }),
    y: Type.Number({ description: 'metres north of the site origin' }),
    z: Type.Optional(Type.Number({ default: 0, description: 'metres above the floor' })),
  },
  { additionalProperties: false },
);
export type Position = Static<typeof Position>;

export const Footprint = Type.Object(
  {
    width: Type.Number({ exclusiveMinimum: 0, description: 'metres along x before rotation' }),
    depth: Type.Number({ exclusiveMinimum: 0, description: 'metres along y before rotation' }),
    height: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 2, description: 'metres' })),
  },
  { additionalProperties: false },
);
export type Footprint = Static<typeof Footprint>;

export const Placement = Type.Object(
  {
    position: Position,
    rotationDeg: Type.Optional(Type.Number({ minimum: -360, maximum: 360, default: 0 })),
    footprint: Footprint,
  },
  { additionalProperties: false },
);
export type Placement = Static<typeof Placement>;

/** What the viewer draws: one instanced mesh per kind. */
export const MACHINE_KINDS = [
  'cnc-lathe',
  'machining-centre',
  'grinder',
  'drill',
  'press',
  'saw',
  'welding-cell',
  'robot-cell',
  'heat-treatment-oven',
  'washer',
  'paint-booth',
  'cmm',
  'test-stand',
  'assembly-cell',
  'assembly-station',
  'packing',
  'generic',
] as const;
export const MachineKind = StringEnum(MACHINE_KINDS, 'a machine kind');
export type MachineKind = (typeof MACHINE_KINDS)[number];
