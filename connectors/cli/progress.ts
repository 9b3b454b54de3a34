import type { CliOutput } from './output.js';

/** A one-line progress bar on stderr for long runs: `[#####.....] 12/30`. */
export function progressBar(
  io: CliOutput,
  total: number,
): ((done: number, total: number) => void) | undefined {
  if (total < 2) return undefined;
  return (done) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    io.err(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`,
    );
  };
}
