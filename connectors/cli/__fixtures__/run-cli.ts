import { main } from '../twin.js';

/** Run the CLI in this process with captured output; `json` is the parsed stdout when `--json` succeeded. */
export async function runCli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  const json = code === 0 && argv.includes('--json') ? JSON.parse(out) : undefined;
  return { code, out, err, json };
}

export const simulate = (...argv: string[]) => runCli('simulate', ...argv);
