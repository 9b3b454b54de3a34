// What the embedded plant's tests share: the two-machine scenario, a wait for a condition on the running plant and
// the orders a machine started, read from what the plant published.
import path from 'node:path';
import type { Observation } from '../../../twin/schema/observation.js';

export const TWO_MACHINES_SCENARIO = path.join(import.meta.dirname, 'two-machines.yaml');

/** Resolves once `ok()` holds (checked every 20 ms); fails naming `what` after `ms`. */
export async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The orders `machine` started turning, in order, read from the plant's observations: an `order` signal naming
 * one, followed at once (for that machine) by `operation` = turn.
 */
export function turnsStarted(observations: readonly Observation[], machine: string): string[] {
  const starts: string[] = [];
  const own = observations.filter((o) => o.asset === machine);
  own.forEach((o, i) => {
    const next = own[i + 1];
    if (o.signal === 'order' && o.value !== '' && next?.signal === 'operation' && next.value === 'turn')
      starts.push(String(o.value));
  });
  return starts;
}
