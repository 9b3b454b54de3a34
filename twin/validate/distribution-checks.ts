import type { Distribution } from '../schema/distribution.js';
import { issue, type ValidationIssue } from './issue.js';

type Path = (string | number)[];

/** Parameters the schema cannot relate to each other: min ≤ mode ≤ max, matching list lengths. */
export function checkDistribution(d: Distribution, at: Path): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const inconsistent = (key: string, message: string) =>
    out.push(issue('TWIN_E_INCONSISTENT', [...at, key], message));
  if ('min' in d && 'max' in d && d.min !== undefined && d.max !== undefined && d.min > d.max) {
    inconsistent('max', `must be ≥ min (${d.min}), found ${d.max}`);
  }
  switch (d.kind) {
    case 'triangular':
      if (d.mode < d.min || d.mode > d.max)
        inconsistent('mode', `must lie between min (${d.min}) and max (${d.max}), found ${d.mode}`);
      break;
    case 'normal':
    case 'lognormal':
      if (d.min !== undefined && d.mean < d.min && d.sd === 0)
        inconsistent('mean', `is below min (${d.min}) with sd 0`);
      if (d.max !== undefined && d.mean > d.max && d.sd === 0)
        inconsistent('mean', `is above max (${d.max}) with sd 0`);
      break;
    case 'empirical':
      if (d.weights && d.weights.length !== d.values.length) {
        inconsistent(
          'weights',
          `must have one weight per value (${d.values.length}), found ${d.weights.length}`,
        );
      } else if (d.weights && !d.weights.some((w) => w > 0)) {
        inconsistent('weights', 'must have at least one weight above 0');
      }
      break;
    default:
      break;
  }
  return out;
}
