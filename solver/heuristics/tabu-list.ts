// Tabu attributes: the relative order of two operations on a machine ("a before b" forbidden until an
// iteration), and the machine an operation just left (FJSP). Dense matrices up to a size, a map beyond.

const DENSE_LIMIT = 2048;
const SPARSE_PRUNE_AT = 1 << 18;
/** Larger than any tenure the search draws, so pruning never drops a live entry. */
const MAX_TENURE = 1 << 16;

export class TabuList {
  private readonly pairs: Int32Array | undefined;
  private readonly sparse = new Map<number, number>();
  private readonly machines: Int32Array;

  constructor(
    private readonly n: number,
    private readonly m: number,
  ) {
    this.pairs = n <= DENSE_LIMIT ? new Int32Array(n * n) : undefined;
    this.machines = new Int32Array(n * m);
  }

  /** Iteration until which putting `a` before `b` is tabu. */
  pairUntil(a: number, b: number): number {
    const key = a * this.n + b;
    return this.pairs !== undefined ? this.pairs[key]! : (this.sparse.get(key) ?? 0);
  }

  forbidPair(a: number, b: number, until: number): void {
    const key = a * this.n + b;
    if (this.pairs !== undefined) this.pairs[key] = until;
    else {
      if (this.sparse.size >= SPARSE_PRUNE_AT) this.prune(until);
      this.sparse.set(key, until);
    }
  }

  /** Drop expired entries of the map (tenures are short, so entries far older than `until` have expired). */
  private prune(until: number): void {
    for (const [key, expiry] of this.sparse) if (expiry < until - MAX_TENURE) this.sparse.delete(key);
  }

  machineUntil(op: number, machine: number): number {
    return this.machines[op * this.m + machine]!;
  }

  forbidMachine(op: number, machine: number, until: number): void {
    this.machines[op * this.m + machine] = until;
  }

  clear(): void {
    this.pairs?.fill(0);
    this.sparse.clear();
    this.machines.fill(0);
  }
}
