import Type, { type Static } from 'typebox';
import { EpochMsSchema } from './time.js';
import { StringEnum } from './string-enum.js';

export const QUALITIES = ['good', 'uncertain', 'bad'] as const;
export type Quality = (typeof QUALITIES)[number];

/** Telemetry normalised from any source (OPC UA, MQTT, the simulated plant). */
export const Observation = Type.Object(
  {
    source: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'where it came from, e.g. opcua:plant-1',
    }),
    asset: Type.String({ minLength: 1, maxLength: 128, description: 'machine, buffer or line id' }),
    signal: Type.String({ minLength: 1, maxLength: 128, description: 'e.g. state, partCount, spindleLoad' }),
    value: Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 4096 }), Type.Null()]),
    quality: StringEnum(QUALITIES, 'a data quality'),
    sourceTs: EpochMsSchema,
    receivedTs: Type.Optional(EpochMsSchema),
  },
  { additionalProperties: false },
);
export type Observation = Static<typeof Observation>;
