// What the embedded plant's tests share: the two-machine scenario and a wait for a condition on the running plant.
import path from 'node:path';

export const TWO_MACHINES_SCENARIO = path.join(import.meta.dirname, 'two-machines.yaml');

/** Resolves once `ok()` holds (checked every 20 ms); fails naming `what` after `ms`. */
export async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
