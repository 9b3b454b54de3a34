import Type, { type Static } from 'typebox';
import { factoryModelProperties, type FactoryModel } from '../twin/schema/factory.js';
import { Order } from '../twin/schema/order.js';
import { StringEnum } from '../twin/schema/string-enum.js';
import { Edit } from './edits/schema.js';

/** The file format version this build writes and reads; older files are migrated (scenarios/migrations.ts). */
export const CURRENT_FORMAT_VERSION = 2;

export const DISPATCH_RULES = ['fifo', 'spt', 'edd', 'cr', 'atc'] as const;
export const RNG_KINDS = ['default', 'mt19937'] as const;
export const COMPARABLE_KPIS = [
  'throughput',
  'makespan',
  'flowTime',
  'tardiness',
  'onTimeRate',
  'wip',
  'utilisation',
  'oee',
  'energy',
] as const;

export const Experiment = Type.Object(
  {
    horizonS: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: 'simulated time; default: until done' }),
    ),
    warmupS: Type.Optional(Type.Number({ minimum: 0, default: 0 })),
    replications: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, default: 1 })),
    rng: Type.Optional(StringEnum(RNG_KINDS, 'a random generator')),
    dispatchRule: Type.Optional(StringEnum(DISPATCH_RULES, 'a dispatching rule')),
    compare: Type.Optional(Type.Array(StringEnum(COMPARABLE_KPIS, 'a KPI'), { uniqueItems: true })),
    params: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }),
        Type.Union([Type.Number(), Type.Boolean()]),
        {
          description: 'model parameters that `--param key=value` may override',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Experiment = Static<typeof Experiment>;

export const Scenario = Type.Object(
  {
    formatVersion: Type.Literal(CURRENT_FORMAT_VERSION),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String()),
    start: Type.String({ format: 'date-time', description: 'the wall-clock time of simulated second 0' }),
    ...factoryModelProperties,
    orders: Type.Array(Order),
    edits: Type.Optional(Type.Array(Edit)),
    experiment: Type.Optional(Experiment),
  },
  { additionalProperties: false },
);
export type Scenario = Static<typeof Scenario>;

const MODEL_KEYS = Object.keys(factoryModelProperties) as (keyof FactoryModel)[];

/** The factory model part of a scenario (shared, not copied). */
export function modelOf(scenario: Scenario): FactoryModel {
  const entries = MODEL_KEYS.filter((key) => scenario[key] !== undefined).map((key) => [key, scenario[key]]);
  return Object.fromEntries(entries) as FactoryModel;
}
