import { Command, CommanderError, Option } from 'commander';
import { INPUT_FORMATS, type InputFormat } from '../../scenarios/load.js';
import { inspectCommand } from './commands/inspect.js';
import { validateCommand } from './commands/validate.js';
import { schemaCommand, SCHEMAS } from './commands/schema.js';
import { processOutput, type CliOutput } from './output.js';

const formatOption = () =>
  new Option(
    '--format <format>',
    'input format (default: from the extension, else from the content)',
  ).choices([...INPUT_FORMATS]);

function buildProgram(io: CliOutput, setExit: (code: number) => void): Command {
  const program = new Command('twin')
    .description('shopfloor-twin: digital twin of a discrete-manufacturing shop floor')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run `twin --help` for usage)');

  program
    .command('validate')
    .description('check a scenario or benchmark file; lists every problem with its place')
    .argument('<file>', 'scenario (.yaml, .json) or benchmark instance (OR-Library, .fjs)')
    .addOption(formatOption())
    .action(async (file: string, options: { format?: InputFormat }) =>
      setExit(await validateCommand(file, options, io)),
    );

  program
    .command('inspect')
    .description('summarise a scenario: jobs, operations, machines, processing time, load and bottleneck')
    .argument('<file>', 'scenario (.yaml, .json) or benchmark instance (OR-Library, .fjs)')
    .addOption(formatOption())
    .option('--json', 'print one JSON object')
    .action(async (file: string, options: { format?: InputFormat; json?: boolean }) =>
      setExit(await inspectCommand(file, options, io)),
    );

  program
    .command('schema')
    .description('print the JSON Schema of a file format, for editors and other systems')
    .argument('[name]', `one of: ${Object.keys(SCHEMAS).join(', ')}`, 'scenario')
    .action((name: string) => setExit(schemaCommand(name, io)));

  return program;
}

/** Run the CLI; returns the exit code (0 ok, 1 bad input, 2 usage or internal error). No stack traces. */
export async function main(argv: readonly string[], io: CliOutput = processOutput): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = code));
  if (argv.length === 0) {
    io.out(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(`twin: internal error: ${(error as Error).message}\n`);
    if (process.env.TWIN_DEBUG) io.err(`${(error as Error).stack}\n`);
    return 2;
  }
}
