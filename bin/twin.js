#!/usr/bin/env node
// Thin launcher: the CLI is compiled by `npm run build` (run by `npm ci` and `npm test`) for a fast start.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/connectors/cli/twin.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('twin: the CLI is not built yet; run `npm run build` (or `npm ci`) first.\n');
  process.exit(2);
}
// `twin inspect ... | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
