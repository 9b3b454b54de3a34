import { createStream, type RngKind } from '../random/streams.js';
import { JOBSHOP_DEFAULTS, runJobShop, type JobShopParams } from './jobshop.js';
import { MM1_DEFAULTS, runMm1, type Mm1Params } from './mm1.js';

export type ReferenceKind = 'mm1' | 'jobshop';
export type ReferenceResult = Record<string, number | number[] | string | boolean>;

/** One run of a reference model: the same (model, params, seed, rng) always gives the same result. */
export function runReference(
  kind: ReferenceKind,
  params: Record<string, number | boolean>,
  seed: number,
  rng: RngKind,
): ReferenceResult {
  const streamAt = (index: number) => createStream(rng, index);
  if (kind === 'mm1') {
    const p: Mm1Params = { ...MM1_DEFAULTS, ...(params as Partial<Mm1Params>), seed };
    return { model: 'A', rng, ...runMm1(p, streamAt) };
  }
  const p: JobShopParams = { ...JOBSHOP_DEFAULTS, ...(params as Partial<JobShopParams>), seed };
  return {
    model: 'B',
    rng,
    scale: p.scale,
    machines: p.machines,
    breakdowns: p.breakdowns,
    ...runJobShop(p, streamAt),
  };
}
