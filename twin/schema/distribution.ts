import Type, { type Static } from 'typebox';
import { TaggedUnion } from './tagged-union.js';

// Every parameter is in seconds (times) unless it is a shape. Bounds truncate the distribution: a
// processing time never goes below `min` (default 0 for the unbounded families) or above `max`.
const nonNegative = (description: string) => Type.Number({ minimum: 0, description });
const positive = (description: string) => Type.Number({ exclusiveMinimum: 0, description });
const bounds = {
  min: Type.Optional(nonNegative('lower truncation bound (s)')),
  max: Type.Optional(nonNegative('upper truncation bound (s)')),
};
const variant = <const K extends string, P extends Parameters<typeof Type.Object>[0]>(kind: K, props: P) =>
  Type.Object({ kind: Type.Literal(kind), ...props }, { additionalProperties: false });

export const FixedDistribution = variant('fixed', { value: nonNegative('the value (s)') });
export const UniformDistribution = variant('uniform', {
  min: nonNegative('lowest value'),
  max: nonNegative('highest value'),
});
export const TriangularDistribution = variant('triangular', {
  min: nonNegative('lowest value'),
  mode: nonNegative('most likely value'),
  max: nonNegative('highest value'),
});
export const NormalDistribution = variant('normal', {
  mean: nonNegative('mean before truncation'),
  sd: nonNegative('standard deviation before truncation'),
  ...bounds,
});
/** Parameterised by the mean and standard deviation of the value itself (not of its logarithm). */
export const LognormalDistribution = variant('lognormal', {
  mean: positive('mean of the value before truncation'),
  sd: nonNegative('standard deviation of the value before truncation'),
  ...bounds,
});
export const ExponentialDistribution = variant('exponential', { mean: positive('mean (s)'), ...bounds });
export const WeibullDistribution = variant('weibull', {
  shape: positive('shape k'),
  scale: positive('scale λ (s)'),
  ...bounds,
});
export const GammaDistribution = variant('gamma', {
  shape: positive('shape k'),
  scale: positive('scale θ (s)'),
  ...bounds,
});
/** Observed values, drawn with the given weights (equal weights when omitted). */
export const EmpiricalDistribution = variant('empirical', {
  values: Type.Array(nonNegative('an observed value'), { minItems: 1 }),
  weights: Type.Optional(Type.Array(nonNegative('a relative weight'), { minItems: 1 })),
});

export const DISTRIBUTION_KINDS = [
  'fixed',
  'uniform',
  'triangular',
  'normal',
  'lognormal',
  'exponential',
  'weibull',
  'gamma',
  'empirical',
] as const;

export const Distribution = TaggedUnion(
  [
    FixedDistribution,
    UniformDistribution,
    TriangularDistribution,
    NormalDistribution,
    LognormalDistribution,
    ExponentialDistribution,
    WeibullDistribution,
    GammaDistribution,
    EmpiricalDistribution,
  ],
  { title: 'Distribution', description: `a distribution: kind is one of ${DISTRIBUTION_KINDS.join(', ')}` },
);
export type Distribution = Static<typeof Distribution>;
export type DistributionKind = Distribution['kind'];
