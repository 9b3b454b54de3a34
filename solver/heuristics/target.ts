/** A makespan reaches the target up to rounding: scenario times are means, and bounds are sums of them. */
export function reachesTarget(makespan: number, target: number): boolean {
  return makespan <= target + 1e-9 * Math.max(1, Math.abs(target));
}
