import { HttpError, InfluxDB } from '@influxdata/influxdb-client';
import { basicAuthorization, type InfluxTarget } from './config.js';

/** Sends one batch of lines; rejects with the transport's error (HttpError for an HTTP status). */
export type LineSender = (body: string) => Promise<void>;

/**
 * A sender over @influxdata/influxdb-client's transport: v2 posts to /api/v2/write (token header from the
 * client), v1 to /write?db=… with optional basic auth. Retries are the writer's business, not the client's.
 */
export function createLineSender(target: InfluxTarget, timeoutMs: number): LineSender {
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  let path: string;
  let client: InfluxDB;
  if (target.kind === 'v2') {
    client = new InfluxDB({ url: target.url, token: target.token || undefined, timeout: timeoutMs });
    path = `/api/v2/write?${new URLSearchParams({ org: target.org, bucket: target.bucket, precision: 'ms' })}`;
  } else {
    client = new InfluxDB({ url: target.url, timeout: timeoutMs });
    const params = new URLSearchParams({ db: target.db, precision: 'ms' });
    if (target.retentionPolicy) params.set('rp', target.retentionPolicy);
    path = `/write?${params}`;
    const authorization = basicAuthorization(target);
    if (authorization) headers.authorization = authorization;
  }
  const transport = client.transport;
  return async (body) => {
    await transport.request(path, body, { method: 'POST', headers });
  };
}

/**
 * Whether a failed batch is worth sending again. 400 and 422 mean the server refused lines of it (InfluxDB
 * 1.x still stores the good lines of a "partial write"): sending again cannot help. Everything else (no
 * connection, timeouts, 5xx, 429, 401/403/404 while a database or a token is being set up) is retried, since
 * giving up there would lose data that a fixed server would take.
 */
export function isRetriable(error: unknown): boolean {
  if (error instanceof HttpError) return error.statusCode !== 400 && error.statusCode !== 422;
  return true;
}

/** The server's Retry-After in ms, when it sent one; 0 otherwise. */
export function retryAfterMs(error: unknown): number {
  return error instanceof HttpError ? error.retryAfter() : 0;
}

/** A short description of a write error for logs. */
export function describeWriteError(error: unknown): string {
  if (error instanceof HttpError)
    return `HTTP ${error.statusCode}: ${(error.body ?? error.message).slice(0, 300)}`;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
