// For *.servers.test.ts files: the URLs of the real servers that test/servers.global-setup.ts started.
import { describe, inject } from 'vitest';
import type { ServerUrls } from './servers.global-setup.js';

export type { ServerUrls };

/** True when the global set-up started the servers. */
export function serversAvailable(): boolean {
  return inject('serversAvailable');
}

/** The servers' URLs; throws when they are unavailable. */
export function serverUrls(): ServerUrls {
  const urls = inject('serverUrls');
  if (!urls) throw new Error('the real test servers are unavailable (see test/servers.global-setup.ts)');
  return urls;
}

/** `describe` that is skipped when the servers are unavailable, except with CI=true: CI fails, never skips. */
export function describeWithServers(name: string, fn: () => void): void {
  describe.skipIf(!serversAvailable() && process.env.CI !== 'true')(name, fn);
}

/** Resolves or rejects like `promise`, but rejects after `ms` milliseconds: every wait in a test is bounded. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
