import Type, { type Static } from 'typebox';
import { Placement, Position } from './layout.js';
import { EpochMsSchema } from './time.js';

/** A time window in epoch ms (maintenance, shifts off), half-open. */
export const WindowMs = Type.Object(
  { startMs: EpochMsSchema, endMs: EpochMsSchema, reason: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type WindowMs = Static<typeof WindowMs>;

/** The floor plan the viewer draws: what is where, from the factory model; it changes only with the model. */
export const LayoutView = Type.Object(
  {
    site: Type.Object({ id: Type.String(), name: Type.String(), timezone: Type.Optional(Type.String()) }),
    /** Floor extent in metres, with a margin around everything placed. */
    bounds: Type.Object({
      minX: Type.Number(),
      minY: Type.Number(),
      maxX: Type.Number(),
      maxY: Type.Number(),
    }),
    lines: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        area: Type.String(),
        /** Centre and extent of the line's machines and buffers: camera presets aim here. */
        centre: Position,
        size: Type.Object({ width: Type.Number(), depth: Type.Number() }),
      }),
    ),
    machines: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        kind: Type.String(),
        line: Type.String(),
        placement: Placement,
        maintenance: Type.Array(WindowMs),
      }),
    ),
    buffers: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        line: Type.Optional(Type.String()),
        capacity: Type.Integer({ minimum: 1 }),
        placement: Placement,
      }),
    ),
    transporters: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        kind: Type.String(),
        speedMps: Type.Number(),
        home: Type.Optional(Position),
        from: Type.Optional(Type.String()),
        to: Type.Optional(Type.String()),
        lines: Type.Optional(Type.Array(Type.String())),
      }),
    ),
  },
  { additionalProperties: false },
);
export type LayoutView = Static<typeof LayoutView>;

/** One order of the live order book as the viewer shows it (due date for late marks, priority for rush). */
export const OrderView = Type.Object(
  {
    id: Type.String(),
    product: Type.String(),
    quantity: Type.Integer({ minimum: 1 }),
    priority: Type.Integer({ minimum: 0, maximum: 9 }),
    releaseMs: Type.Optional(EpochMsSchema),
    dueMs: Type.Optional(EpochMsSchema),
    customer: Type.Optional(Type.String()),
    operationsDone: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type OrderView = Static<typeof OrderView>;
