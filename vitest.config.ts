import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs anywhere; `servers` talks to real servers on loopback, which its global set-up
// starts (scripts/test-servers.sh). With CI=true a server that cannot start fails the run instead of skipping.
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.servers.test.ts', 'node_modules/**', 'dist/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'servers',
          include: ['**/*.servers.test.ts'],
          exclude: ['node_modules/**', 'dist/**'],
          globalSetup: ['test/servers.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
