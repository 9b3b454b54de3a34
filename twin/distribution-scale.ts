import type { Distribution } from './schema/distribution.js';

/** The same distribution with every time scaled by `factor` (shapes stay): a machine 20 % slower is × 1.2. */
export function scaleDistribution(d: Distribution, factor: number): Distribution {
  const s = (v: number | undefined) => (v === undefined ? undefined : v * factor);
  const bounds = (x: { min?: number; max?: number }) => ({
    ...(x.min !== undefined && { min: s(x.min) }),
    ...(x.max !== undefined && { max: s(x.max) }),
  });
  switch (d.kind) {
    case 'fixed':
      return { kind: 'fixed', value: d.value * factor };
    case 'uniform':
      return { kind: 'uniform', min: d.min * factor, max: d.max * factor };
    case 'triangular':
      return { kind: 'triangular', min: d.min * factor, mode: d.mode * factor, max: d.max * factor };
    case 'normal':
      return { kind: 'normal', mean: d.mean * factor, sd: d.sd * factor, ...bounds(d) };
    case 'lognormal':
      return { kind: 'lognormal', mean: d.mean * factor, sd: d.sd * factor, ...bounds(d) };
    case 'exponential':
      return { kind: 'exponential', mean: d.mean * factor, ...bounds(d) };
    case 'weibull':
      return { kind: 'weibull', shape: d.shape, scale: d.scale * factor, ...bounds(d) };
    case 'gamma':
      return { kind: 'gamma', shape: d.shape, scale: d.scale * factor, ...bounds(d) };
    case 'empirical':
      return {
        kind: 'empirical',
        values: d.values.map((v) => v * factor),
        ...(d.weights && { weights: [...d.weights] }),
      };
  }
}
