import { createStream, sourceSeed, type RngKind } from '../../solver/des/random/streams.js';
import type { RandomStream } from '../../solver/des/random/stream.js';
import type { ShopFloorState } from '../../twin/schema/machine-state.js';

/** Process values of one machine at one sample. */
export interface ProcessSample {
  /** Spindle (or main drive) load, % of rated. */
  spindleLoad: number;
  /** Machine (spindle housing, oven wall) temperature, °C. */
  temperature: number;
  /** Electrical power draw, kW. */
  power: number;
}

const AMBIENT_C = 22;
/** Warm-up and cool-down time constant of the temperature, simulated seconds. */
const THERMAL_TAU_S = 900;

/** Nominal load while cutting, by machine: 45 … 80 %, fixed per machine by its seed stream. */
function nominalLoad(stream: RandomStream): number {
  return 45 + 35 * stream.random();
}

/**
 * Plausible process signals derived from a machine's state: load only while it processes (a little during setup),
 * power from the model's power per state, temperature relaxing towards the state's level. Noise comes from one
 * seeded stream per machine, so the same seed and the same samples give the same values.
 */
export class ProcessSignals {
  private readonly stream: RandomStream;
  private readonly loadPct: number;
  private temperature = AMBIENT_C + 3;
  private lastT = NaN;

  constructor(
    machine: string,
    seed: number,
    /** Power draw (kW) per state. */
    private readonly powerKw: (state: ShopFloorState) => number,
    rng: RngKind = 'default',
  ) {
    this.stream = createStream(rng, sourceSeed(seed, `signals:${machine}`));
    this.loadPct = nominalLoad(this.stream);
  }

  /** Gaussian noise of standard deviation `sd` (Box–Muller on two uniforms). */
  private noise(sd: number): number {
    const u1 = 1 - this.stream.random();
    const u2 = this.stream.random();
    return sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The sample at simulated second t (increasing from call to call) in the given state. */
  sample(t: number, state: ShopFloorState): ProcessSample {
    const running = state === 'running';
    const load = running ? this.loadPct : state === 'setup' ? 4 : 0;
    const target = AMBIENT_C + (running ? 0.35 * this.loadPct : state === 'setup' ? 6 : 3);
    const dt = Number.isNaN(this.lastT) ? 0 : Math.max(0, t - this.lastT);
    this.lastT = t;
    this.temperature = target + (this.temperature - target) * Math.exp(-dt / THERMAL_TAU_S);
    const power = this.powerKw(state);
    return {
      spindleLoad: round(Math.max(0, load + (load > 0 ? this.noise(load * 0.06) : 0)), 1),
      temperature: round(this.temperature + this.noise(0.15), 2),
      power: round(Math.max(0, power * (1 + this.noise(0.02))), 2),
    };
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
