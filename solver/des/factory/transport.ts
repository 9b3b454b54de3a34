import type { Process, Simulation, Waitable } from '../simulation.js';
import type { CompiledModel, CTransporter } from './compiled.js';

/** A claim on a transporter for one move; yield it to get the transporter's index. */
export class TransportRequest implements Waitable {
  process: Process | undefined = undefined;
  transporter = -1;

  constructor(
    readonly from: number,
    readonly to: number,
    /** Which transporters may take it: 0 conveyors linking from → to, 1 vehicles serving both lines, 2 any vehicle. */
    readonly tier: number,
  ) {}

  subscribe(process: Process): boolean {
    if (this.transporter >= 0) {
      process.resumeValue = this.transporter;
      return true;
    }
    this.process = process;
    return false;
  }

  unsubscribe(): void {
    this.process = undefined;
  }
}

/**
 * The transporters of the model. A move goes to the first free transporter that may make it, in model
 * order; when none is free it waits, first come first served. A conveyor links its two ends and carries up
 * to its capacity at once; an AGV or forklift carries one lot per trip and first drives empty from where it
 * last dropped (or from home) to the pickup.
 */
export class TransportPool {
  private readonly busy: Int32Array;
  private readonly position: Int32Array;
  private readonly waiting: TransportRequest[] = [];
  readonly trips: Int32Array;
  readonly busyS: Float64Array;
  private readonly n: number;
  private readonly list: CTransporter[];

  constructor(
    private readonly sim: Simulation,
    private readonly model: CompiledModel,
  ) {
    this.list = model.transporters;
    this.n = model.locations.length;
    this.busy = new Int32Array(this.list.length);
    this.position = new Int32Array(this.list.length).fill(-1);
    this.trips = new Int32Array(this.list.length);
    this.busyS = new Float64Array(this.list.length);
  }

  private serves(t: CTransporter, location: number): boolean {
    const line = this.model.locations[location]!.line;
    return !t.serves || line === undefined || t.serves.has(line);
  }

  private fits(t: CTransporter, from: number, to: number, tier: number): boolean {
    if (tier === 0) return t.kind === 'conveyor' && t.from === from && t.to === to;
    if (t.kind === 'conveyor') return false;
    return tier === 2 || (this.serves(t, from) && this.serves(t, to));
  }

  /** The strictest tier some transporter fits, −1 when none can make the move (it is then instantaneous). */
  private tierFor(from: number, to: number): number {
    for (let tier = 0; tier <= 2; tier++)
      for (const t of this.list) if (this.fits(t, from, to, tier)) return tier;
    return -1;
  }

  /** A claim for a move from → to, or undefined when no transporter can make it. */
  acquire(from: number, to: number): TransportRequest | undefined {
    const tier = this.tierFor(from, to);
    if (tier < 0) return undefined;
    const req = new TransportRequest(from, to, tier);
    for (let i = 0; i < this.list.length; i++) {
      const t = this.list[i]!;
      if (this.busy[i]! < t.capacity && this.fits(t, from, to, tier)) {
        this.grant(req, i);
        return req;
      }
    }
    this.waiting.push(req);
    return req;
  }

  private grant(req: TransportRequest, i: number): void {
    this.busy[i]!++;
    this.trips[i]!++;
    req.transporter = i;
    const p = req.process;
    if (p) {
      req.process = undefined;
      p.resumeValue = i;
      this.sim.wake(p);
    }
  }

  /** Empty drive of transporter i to the pickup location. */
  emptyTime(i: number, from: number): number {
    const t = this.list[i]!;
    if (t.kind === 'conveyor') return 0;
    const at = this.position[i]!;
    return at < 0 ? t.fromHome[from]! : t.empty[at * this.n + from]!;
  }

  /** Loaded trip: load, travel, unload. */
  loadedTime(i: number, from: number, to: number): number {
    return this.list[i]!.loaded[from * this.n + to]!;
  }

  /** The trip that began at `since` is over at `at`; the transporter takes the next waiting move it fits. */
  release(i: number, at: number, since: number): void {
    const t = this.list[i]!;
    this.busy[i]!--;
    this.busyS[i]! += this.sim.now - since;
    if (t.kind !== 'conveyor') this.position[i] = at;
    for (let k = 0; k < this.waiting.length && this.busy[i]! < t.capacity; k++) {
      const req = this.waiting[k]!;
      if (!this.fits(t, req.from, req.to, req.tier)) continue;
      this.waiting.splice(k--, 1);
      this.grant(req, i);
    }
  }
}
