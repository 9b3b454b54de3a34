/** What connectors log through: the composition root passes a real logger, tests pass one that records. */
export interface ConnectorLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

/** A logger that drops everything (benchmarks, or when the caller does not care). */
export const silentLogger: ConnectorLogger = {
  info() {},
  warn() {},
};
