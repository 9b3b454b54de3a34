import Type, { type Static } from 'typebox';
import { TaggedUnion } from '../twin/schema/tagged-union.js';
import { checkSchema } from '../twin/validate/schema-check.js';
import { issue, type Validated } from '../twin/validate/issue.js';
import { JOBSHOP_DEFAULTS } from '../solver/des/reference/jobshop.js';
import { MM1_DEFAULTS } from '../solver/des/reference/mm1.js';
import { CURRENT_FORMAT_VERSION, Experiment } from './schema.js';

/**
 * Parametric models defined by their parameters rather than by a plant: the two reference models of the
 * simulation spec (an M/M/1 queue and a stochastic job shop with breakdowns). Their parameters can be
 * overridden from the command line (`--param scale=10`).
 */
export const Mm1Model = Type.Object(
  {
    kind: Type.Literal('mm1'),
    n: Type.Integer({ minimum: 1, maximum: 100_000_000, default: MM1_DEFAULTS.n, description: 'customers' }),
    arrivalRate: Type.Number({ exclusiveMinimum: 0, default: MM1_DEFAULTS.arrivalRate }),
    serviceRate: Type.Number({ exclusiveMinimum: 0, default: MM1_DEFAULTS.serviceRate }),
  },
  { additionalProperties: false },
);

export const JobShopModel = Type.Object(
  {
    kind: Type.Literal('jobshop'),
    machines: Type.Integer({ minimum: 10, maximum: 10_000, default: JOBSHOP_DEFAULTS.machines }),
    scale: Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: JOBSHOP_DEFAULTS.scale }),
    breakdowns: Type.Boolean({ default: JOBSHOP_DEFAULTS.breakdowns }),
    warmup: Type.Number({ minimum: 0, default: JOBSHOP_DEFAULTS.warmup }),
    meanTtf: Type.Number({ exclusiveMinimum: 0, default: JOBSHOP_DEFAULTS.meanTtf }),
    meanRepair: Type.Number({ exclusiveMinimum: 0, default: JOBSHOP_DEFAULTS.meanRepair }),
    meanProcessing: Type.Number({ exclusiveMinimum: 0, default: JOBSHOP_DEFAULTS.meanProcessing }),
  },
  { additionalProperties: false },
);

export const ReferenceModel = TaggedUnion([Mm1Model, JobShopModel], {
  title: 'ReferenceModel',
  description: 'a reference model: kind is one of mm1, jobshop',
});
export type ReferenceModel = Static<typeof ReferenceModel>;

export const ReferenceScenario = Type.Object(
  {
    formatVersion: Type.Literal(CURRENT_FORMAT_VERSION),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String()),
    model: ReferenceModel,
    experiment: Type.Optional(Experiment),
  },
  { additionalProperties: false },
);
export type ReferenceScenario = Static<typeof ReferenceScenario>;

/** A reference file is told apart from a plant scenario by its `model` block. */
export function isReferenceDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && 'model' in doc;
}

/** Parse `key=value` overrides: numbers and booleans, as the parameters are. */
export function parseParamValue(raw: string): number | boolean | string {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
}

/** Apply `--param` overrides to a reference model; unknown names and bad values are reported by name. */
export function withParams(model: ReferenceModel, params: Record<string, string>): Validated<ReferenceModel> {
  const schema = model.kind === 'mm1' ? Mm1Model : JobShopModel;
  const known = Object.keys(schema.properties).filter((k) => k !== 'kind');
  const unknown = Object.keys(params).filter((k) => !known.includes(k));
  if (unknown.length) {
    return {
      ok: false,
      issues: unknown.map((k) =>
        issue(
          'TWIN_E_UNKNOWN_KEY',
          ['params', k],
          `unknown parameter of the ${model.kind} model (known: ${known.join(', ')})`,
        ),
      ),
    };
  }
  const next = {
    ...model,
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, parseParamValue(v)])),
  };
  const checked = checkSchema(ReferenceModel, next);
  if (checked.ok) return checked;
  return {
    ok: false,
    issues: checked.issues.map((i) => ({
      ...i,
      path: `params.${i.path}`,
      segments: ['params', ...i.segments],
    })),
  };
}
