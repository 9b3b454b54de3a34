import type { InfluxWriterConfig } from './config.js';

/**
 * Exponential backoff counted in rounds. The requests under way when the database fails all fail together:
 * that is one step of backoff, not one per request. A request remembers the round it was sent in; the first
 * failure of the current round opens the next one and says how long to wait.
 */
export class RetryRounds {
  /** The round that requests sent now belong to. */
  current = 0;
  private level = 0;

  constructor(private readonly retry: InfluxWriterConfig['retry']) {}

  /**
   * The wait before trying again after a request sent in `round` failed (at least the server's Retry-After,
   * `random` in [0, 1) spreads it by ±20 %), or undefined when that round's failure was already counted.
   */
  delayAfter(round: number, retryAfterMs: number, random: number): number | undefined {
    if (round !== this.current) return undefined;
    this.current++;
    const { minDelayMs, maxDelayMs, factor } = this.retry;
    const backoff = Math.min(maxDelayMs, minDelayMs * factor ** this.level++);
    return Math.max(retryAfterMs, backoff * (0.8 + 0.4 * random));
  }

  /** A write succeeded: the next failure waits the shortest time again. */
  reset(): void {
    this.level = 0;
  }
}
