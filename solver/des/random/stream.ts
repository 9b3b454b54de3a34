/** A seeded source of uniform numbers: the only randomness the simulation may use. */
export interface RandomStream {
  /** Uniform in [0, 1) with 53-bit resolution. */
  random(): number;
  /** The seed that recreates this stream from its start (`createStream(kind, seed)`). */
  readonly seed: number;
}
