import type { FactoryModel } from '../../twin/schema/factory.js';
import type { Order } from '../../twin/schema/order.js';
import { buildFactory } from '../des/factory/build.js';
import type { CompiledModel } from '../des/factory/compiled.js';

/** The plan-independent part of a risk analysis: the plant, its order book, the clock. */
export interface CompileInput {
  model: FactoryModel;
  orders: readonly Order[];
  startMs: number;
  timezone?: string | undefined;
}

const WEEK_S = 7 * 86_400;

/**
 * The horizon a model is compiled for: the run's horizon rounded up to whole weeks, so plans of one scenario
 * (whose horizons differ by their last operation) share one compiled model. A run still stops at its own
 * horizon; calendars reaching further change nothing before it (work that would end past it never ends).
 */
export function compileHorizonS(runHorizonS: number): number {
  if (!(runHorizonS > 0)) throw new RangeError(`the horizon must be > 0 s (got ${runHorizonS})`);
  return Math.ceil(runHorizonS / WEEK_S) * WEEK_S;
}

export const DEFAULT_CACHE_SIZE = 4;

/**
 * Compiled factory models by their exact input (the JSON text is the key: equal text, equal model, so a hit
 * never returns another plant's model), the least recently used dropped beyond `size`. The compiled model is
 * read-only during a run (runs keep their state in their own objects), so runs and plans may share it.
 */
export class CompiledModelCache {
  private readonly entries = new Map<string, CompiledModel>();
  /** Models built (misses); a test and the bench read it. */
  compilations = 0;
  hits = 0;

  constructor(readonly size = DEFAULT_CACHE_SIZE) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`cache size must be ≥ 1 (got ${size})`);
  }

  /** The model compiled over `horizonS` (a value of compileHorizonS), built on the first request. */
  get(input: CompileInput, horizonS: number): CompiledModel {
    const key = JSON.stringify([input.model, input.orders, input.startMs, input.timezone ?? null, horizonS]);
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      this.entries.delete(key); // re-insert: Map order is the recency order
      this.entries.set(key, found);
      return found;
    }
    const compiled = buildFactory({ ...input, horizonS });
    this.compilations++;
    this.entries.set(key, compiled);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return compiled;
  }
}
