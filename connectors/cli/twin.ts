import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { INPUT_FORMATS, type InputFormat } from '../../scenarios/load.js';
import { inspectCommand } from './commands/inspect.js';
import { validateCommand } from './commands/validate.js';
import { schemaCommand, SCHEMAS } from './commands/schema.js';
import { simulateCommand, type SimulateOptions } from './commands/simulate.js';
import { compareCommand } from './commands/compare.js';
import { scheduleCommand, DEFAULT_TIME_LIMIT_S, type ScheduleOptions } from './commands/schedule.js';
import { rescheduleCommand, type RescheduleOptions } from './commands/reschedule.js';
import { objectiveOption } from './commands/production-output.js';
import { validatePlanCommand, type ValidatePlanCommandOptions } from './commands/validate-plan.js';
import { VERSION } from './version.js';
import { processOutput, type CliOutput } from './output.js';

const formatOption = () =>
  new Option(
    '--format <format>',
    'input format (default: from the extension, else from the content)',
  ).choices([...INPUT_FORMATS]);

function buildProgram(io: CliOutput, setExit: (code: number) => void): Command {
  const program = new Command('twin')
    .description('shopfloor-twin: digital twin of a discrete-manufacturing shop floor')
    .version(VERSION)
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

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const integer = (name: string, min: number) => (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
    return n;
  };
  const experimentOptions = (command: Command) =>
    command
      .option(
        '--seed <n>',
        'seed of the first replication (replication r uses seed + r)',
        integer('--seed', 0),
      )
      .option('--param <key=value>', 'override a model parameter (repeatable)', collect)
      .addOption(new Option('--rng <kind>', 'random generator').choices(['default', 'mt19937']))
      .option('--replications <r>', 'independent replications', integer('--replications', 1))
      .option('--workers <k>', 'worker threads (default: all cores)', integer('--workers', 1))
      .option('--json', 'print one JSON object');

  experimentOptions(
    program
      .command('simulate')
      .description('simulate a scenario or reference model; several replications give 95 % intervals')
      .argument('<file>', 'scenario or reference model (.yaml)')
      .option('--trace <file>', 'write the event trace of the first replication (plants) as JSON'),
  ).action(async (file: string, options: SimulateOptions) =>
    setExit(await simulateCommand(file, options, io)),
  );

  experimentOptions(
    program
      .command('compare')
      .description('run the same experiment on several files; KPI differences with paired 95 % intervals')
      .argument('<files...>', 'two or more scenarios or reference models'),
  ).action(async (files: string[], options: SimulateOptions) =>
    setExit(await compareCommand(files, options, io)),
  );

  const seconds = (name: string) => (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a number of seconds > 0`);
    return n;
  };
  program
    .command('schedule')
    .description(
      'search for a short schedule (makespan) on worker threads; Ctrl-C stops with the best so far',
    )
    .argument('<file>', 'benchmark instance (OR-Library, .fjs) or scenario (.yaml, .json)')
    .addOption(formatOption())
    .option(
      '--time-limit <s>',
      `stop after this many seconds (default: ${DEFAULT_TIME_LIMIT_S}, none with --iterations)`,
      seconds('--time-limit'),
    )
    .option('--seed <n>', 'seed of the search (default: 1)', integer('--seed', 0))
    .option('--workers <k>', 'worker threads (default: all cores)', integer('--workers', 1))
    .option(
      '--iterations <n>',
      'iterations per worker: the same seed, workers and iterations give the same schedule',
      integer('--iterations', 1),
    )
    .option('--json', 'print one JSON object with the schedule')
    .option(
      '--objective <spec>',
      'scenarios: makespan | tardiness | late | lexicographic:<a,b,…> | weighted:<criterion=w,…>',
      objectiveOption,
    )
    .option('--milp', 'scenarios: MILP neighbourhoods (glpk.js) between local-search steps')
    .addOption(
      new Option('--engine <engine>', 'scenarios: production (default) or shop (makespan only)').choices([
        'production',
        'shop',
      ]),
    )
    .action(async (file: string, options: ScheduleOptions) =>
      setExit(await scheduleCommand(file, options, io)),
    );

  program
    .command('reschedule')
    .description(
      'a new plan version after an event (machine down or back, rush order, due date, quantity, late operation)',
    )
    .argument('<file>', 'scenario (.yaml, .json)')
    .requiredOption('--event <file-or-json>', 'the event: a JSON/YAML file, or inline JSON')
    .option(
      '--plan <plan.json>',
      'the plan in force (a plan, or a `twin schedule --json` report); default: schedule first',
    )
    .option(
      '--frozen-horizon <s>',
      'operations starting within this many seconds stay put (default 3600)',
      seconds('--frozen-horizon'),
    )
    .option(
      '--objective <spec>',
      'default: weighted:tardiness=1,late=3600,moved=3600,machineChanges=3600,makespan=0.01',
      objectiveOption,
    )
    .option('--time-limit <s>', 'search time (default 1 s, none with --iterations)', seconds('--time-limit'))
    .option('--seed <n>', 'seed of the search (default: 1)', integer('--seed', 0))
    .option(
      '--iterations <n>',
      'local search iterations: the same seed and iterations give the same plan',
      integer('--iterations', 1),
    )
    .option('--json', 'print one JSON object with the new plan and what changed')
    .action(async (file: string, options: RescheduleOptions) =>
      setExit(await rescheduleCommand(file, options, io)),
    );

  const probability = (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= 0 && n <= 1))
      throw new InvalidArgumentError('--threshold must be a probability between 0 and 1');
    return n;
  };
  program
    .command('validate-plan')
    .description('check a plan against a scenario, then simulate it: on-time probability per order, and why')
    .argument('<file>', 'scenario (.yaml, .json)')
    .requiredOption('--plan <file>', 'the plan (JSON or YAML, the Plan schema)')
    .addOption(formatOption())
    .option('--replications <r>', 'replications of the plan (default: 30)', integer('--replications', 1))
    .option('--seed <n>', "seed of replication 0 (default: the plan's)", integer('--seed', 0))
    .option('--workers <k>', 'worker threads (default: all cores)', integer('--workers', 1))
    .option(
      '--threshold <p>',
      'on-time probability below which an order is at risk (default 0.9)',
      probability,
    )
    .option('--max-at-risk <n>', 'refuse the plan with more orders at risk', integer('--max-at-risk', 0))
    .option('--json', 'print one JSON object')
    .action(async (file: string, options: ValidatePlanCommandOptions) =>
      setExit(await validatePlanCommand(file, options, io)),
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
