// The real service for the viewer's browser tests (connectors/main.ts startService, in-process): the embedded
// plant running fast behind its own OPC UA server, one token per role, and the built viewer from dist/viewer.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiClient } from './http-client.js';
import { startInProcessService } from './in-process-service.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const VIEWER_DIR = path.join(root, 'dist', 'viewer');

/** One token per role the viewer's tests need (at least 16 characters, as the service requires). */
export const TOKENS = {
  viewer: 'viewer-e2e-viewer-token-5b1d7c',
  planner: 'viewer-e2e-planner-token-93ae0f',
  operator: 'viewer-e2e-operator-token-c4f812',
} as const;
export type TokenRole = keyof typeof TOKENS;

/** Fails with what to do when the viewer has not been built (the service would serve no page). */
export function assertViewerBuilt(): void {
  const index = path.join(VIEWER_DIR, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`${index} is missing: build the viewer first (npm run build && npm run build:viewer)`);
  }
}

export interface ViewerService {
  url: string;
  /** The page's address with the role's token (`?token=`, as `npm start` prints it) and extra query. */
  pageUrl(role: TokenRole, query?: string): string;
  api: ReturnType<typeof apiClient>;
  /** What the service logged (warnings and up), for failure messages. */
  logs: string[];
  close(): Promise<void>;
}

export interface ViewerServiceOptions {
  httpPort: number;
  opcuaPort: number;
  /** Simulated seconds per wall second. */
  speed: number;
}

export async function startViewerService(options: ViewerServiceOptions): Promise<ViewerService> {
  assertViewerBuilt();
  const service = await startInProcessService({
    ...options,
    tokens: (Object.keys(TOKENS) as TokenRole[]).map((role) => ({
      role,
      token: TOKENS[role],
      name: `viewer e2e ${role}`,
    })),
    logLevel: 'warn',
    config: {
      // Finished jobs expire by the plant's clock, which runs `speed` times faster than the wall's: keep them
      // long enough for the page's polling to see the result (see the report of this test's author).
      // A smaller risk analysis than the default keeps each reschedule's validation short on a loaded machine.
      limits: { jobTtlS: 1e9, riskReplications: 3 },
      viewer: { dir: VIEWER_DIR },
    },
  });
  const url = service.url;
  return {
    url,
    pageUrl: (role, query) => `${url}/?token=${TOKENS[role]}${query ? `&${query}` : ''}`,
    api: apiClient(url),
    logs: service.logs,
    close: () => service.close(),
  };
}
