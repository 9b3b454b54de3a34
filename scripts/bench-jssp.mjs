#!/usr/bin/env node
// npm run bench:jssp — the parallel shop search on the classic benchmarks in ../shared/benchmarks (beside the
// repository): OR-Library job shops (ft, la, abz, orb, swv, yn) and the Brandimarte flexible job shops (mk).
// Each instance runs for the time limit or until it reaches the best known lower bound; a row is printed as
// soon as it finishes, then the mean gap to the best known makespan per family and overall.
//
//   node scripts/bench-jssp.mjs [--time-limit S] [--set ft|la|abz|orb|swv|yn|mk|all] [--workers K]
//                               [--seed N] [--only name1,name2] [--out file.json]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const FAMILIES = ['ft', 'la', 'abz', 'orb', 'swv', 'yn', 'mk'];
const dist = new URL('../dist/', import.meta.url);
const shared = new URL('../../shared/benchmarks/', import.meta.url);

function usage(message) {
  console.error(`bench-jssp: ${message}`);
  console.error(
    'usage: node scripts/bench-jssp.mjs [--time-limit S] [--set ft|la|abz|orb|swv|yn|mk|all] [--workers K] [--seed N] [--only a,b] [--out file.json]',
  );
  process.exit(2);
}

function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        'time-limit': { type: 'string', default: '60' },
        set: { type: 'string', default: 'all' },
        workers: { type: 'string', default: String(availableParallelism()) },
        seed: { type: 'string', default: '1' },
        only: { type: 'string' },
        out: { type: 'string' },
      },
    }));
  } catch (e) {
    usage(e.message);
  }
  const whole = (flag, min) => {
    const n = Number(values[flag]);
    if (!Number.isInteger(n) || n < min)
      usage(`--${flag} must be a whole number ≥ ${min}, found "${values[flag]}"`);
    return n;
  };
  const timeLimitS = Number(values['time-limit']);
  if (!(timeLimitS > 0))
    usage(`--time-limit must be a number of seconds > 0, found "${values['time-limit']}"`);
  if (values.set !== 'all' && !FAMILIES.includes(values.set))
    usage(`--set must be one of ${FAMILIES.join(', ')}, all`);
  return {
    timeLimitS,
    set: values.set,
    workers: whole('workers', 1),
    seed: whole('seed', 0),
    only: values.only?.split(',').filter(Boolean),
    out: values.out,
  };
}

const familyOf = (name) => /^[a-z]+/.exec(name)?.[0] ?? name;
const natural = (a, b) => a.name.localeCompare(b.name, 'en', { numeric: true });

/** Every instance of the shared benchmarks: name, family, file, format and its bounds entry. */
function listInstances() {
  const jssp = new URL('jssp/', shared);
  const fjsp = new URL('fjsp/', shared);
  const bounds = (dir) => JSON.parse(readFileSync(new URL('bounds.json', dir), 'utf8'));
  const jsspBounds = bounds(jssp);
  const fjspBounds = bounds(fjsp);
  const instances = [
    ...readdirSync(jssp)
      .filter((f) => !f.includes('.'))
      .map((f) => ({ name: f, file: new URL(f, jssp), format: 'orlib', bounds: jsspBounds[f] })),
    ...readdirSync(fjsp)
      .filter((f) => f.endsWith('.fjs'))
      .map((f) => {
        const name = f.replace(/\.fjs$/, '');
        return { name, file: new URL(f, fjsp), format: 'fjs', bounds: fjspBounds[name] };
      }),
  ];
  return instances.map((i) => ({ ...i, family: familyOf(i.name) })).sort(natural);
}

const pad = (value, width) => String(value).padStart(width);
const COLUMNS = [
  ['instance', 9, 'left'],
  ['size', 7],
  ['best known', 10],
  ['lb', 6],
  ['ours', 6],
  ['gap %', 7],
  ['to best s', 9],
  ['iterations', 12],
];
const line = (cells) =>
  cells
    .map((c, i) => (COLUMNS[i][2] === 'left' ? String(c).padEnd(COLUMNS[i][1]) : pad(c, COLUMNS[i][1])))
    .join('  ');
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(shared)) {
    console.error(
      `bench-jssp: the benchmarks are not there: ${fileURLToPath(shared)} (expected ../shared/benchmarks beside the repository, with jssp/ and fjsp/)`,
    );
    process.exit(1);
  }
  if (!existsSync(new URL('solver/runtime/solve-shop.js', dist))) {
    console.error('bench-jssp: dist/ is missing: run `npm run build` (or `npm run bench:jssp`)');
    process.exit(1);
  }
  const { solveShop } = await import(new URL('solver/runtime/solve-shop.js', dist));
  const { lowerBound } = await import(new URL('solver/shop/lower-bound.js', dist));
  const { loadShopProblemText } = await import(new URL('scenarios/load-shop.js', dist));

  let instances = listInstances().filter((i) => options.set === 'all' || i.family === options.set);
  if (options.only) {
    const unknown = options.only.filter((name) => !instances.some((i) => i.name === name));
    if (unknown.length) usage(`--only: no instance ${unknown.join(', ')} in set ${options.set}`);
    instances = instances.filter((i) => options.only.includes(i.name));
  }
  const settings = {
    timeLimitS: options.timeLimitS,
    workers: options.workers,
    seed: options.seed,
    set: options.set,
    ...(options.only && { only: options.only }),
  };
  console.log(
    `${instances.length} instances, ${options.timeLimitS} s each, ${options.workers} workers, seed ${options.seed} (Ctrl-C stops)\n`,
  );
  console.log(line(COLUMNS.map(([title]) => title)));

  const controller = new AbortController();
  process.once('SIGINT', () => {
    console.error('\ninterrupted: finishing the current instance early, skipping the rest');
    controller.abort();
  });
  const rows = [];
  for (const instance of instances) {
    if (controller.signal.aborted) break;
    const text = readFileSync(instance.file, 'utf8');
    const loaded = loadShopProblemText(text, fileURLToPath(instance.file), instance.format);
    if (!loaded.ok) {
      const issues = loaded.issues.map((p) => `line ${p.line ?? '?'}: ${p.message}`).join('; ');
      console.error(`${instance.name}: does not parse: ${issues}`);
      continue;
    }
    const { problem } = loaded;
    const ub = instance.bounds?.ub;
    const lb = Math.max(lowerBound(problem), instance.bounds?.lb ?? 0);
    const result = await solveShop(problem, {
      seed: options.seed,
      workers: options.workers,
      timeLimitS: options.timeLimitS,
      target: lb,
      signal: controller.signal,
    });
    const gap = ub === undefined ? undefined : ((result.makespan - ub) / ub) * 100;
    const row = {
      instance: instance.name,
      family: instance.family,
      jobs: problem.jobs.length,
      machines: problem.machines.length,
      bestKnown: ub ?? null,
      lb,
      makespan: result.makespan,
      gapPct: gap === undefined ? null : Number(gap.toFixed(2)),
      timeToBestS: Number(result.timeToBestS.toFixed(2)),
      iterations: result.iterations,
      iterationsPerWorker: result.iterationsPerWorker,
      stopReason: result.stopReason,
    };
    rows.push(row);
    console.log(
      line([
        row.instance,
        `${row.jobs}×${row.machines}`,
        ub ?? '-',
        Number.isInteger(lb) ? lb : lb.toFixed(1),
        row.makespan,
        gap === undefined ? '-' : gap.toFixed(2),
        result.timeToBestS.toFixed(2),
        row.iterations,
      ]),
    );
  }

  const withGap = rows.filter((r) => r.gapPct !== null);
  const families = FAMILIES.filter((f) => withGap.some((r) => r.family === f));
  const summary = {
    meanGapPct: Object.fromEntries(
      families.map((f) => [
        f,
        Number(mean(withGap.filter((r) => r.family === f).map((r) => r.gapPct)).toFixed(2)),
      ]),
    ),
    overallMeanGapPct: withGap.length ? Number(mean(withGap.map((r) => r.gapPct)).toFixed(2)) : null,
    optimalReached: rows.filter((r) => r.bestKnown !== null && r.makespan <= r.bestKnown).length,
    instances: rows.length,
  };
  console.log('\nmean gap to the best known makespan:');
  for (const f of families) {
    const n = withGap.filter((r) => r.family === f).length;
    console.log(
      `  ${f.padEnd(8)} ${pad(summary.meanGapPct[f].toFixed(2), 7)} %  (${n} instance${n === 1 ? '' : 's'})`,
    );
  }
  if (summary.overallMeanGapPct !== null) {
    console.log(
      `  ${'overall'.padEnd(8)} ${pad(summary.overallMeanGapPct.toFixed(2), 7)} %  (${withGap.length} instances)`,
    );
  }
  console.log(`  best known reached on ${summary.optimalReached} of ${rows.length}`);
  console.log(
    `settings: time limit ${options.timeLimitS} s, ${options.workers} workers, seed ${options.seed}, set ${options.set}${
      options.only ? `, only ${options.only.join(',')}` : ''
    }`,
  );
  if (options.out) {
    writeFileSync(options.out, `${JSON.stringify({ settings, rows, summary }, null, 2)}\n`);
    console.log(`rows written to ${options.out}`);
  }
}

await main();
