// Tabu attributes: the relative order of two operations on a machine ("a before b" forbidden until an
// iteration), and the machine an operation just left (FJSP). Dense matrices up to a size, a map beyond.

const DENSE_LIMIT = 2048;

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
    else this.sparse.set(key, until);
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
