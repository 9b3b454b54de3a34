#!/usr/bin/env node
// npm run bench:milp — the same scheduling MILPs solved by glpk.js (in a worker), HiGHS (in a worker) and
// native glpsol (Debian glpk-utils), interleaved in one run because this machine's speed drifts; then the
// MILP neighbourhood search from a poor start. Times are the solvers' own (glpk.js/HiGHS inside the worker,
// glpsol the whole process).
//
//   node scripts/bench-milp.mjs [--time-limit S] [--la01-time-limit S] [--seed N] [--lns-iterations K]
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const dist = new URL('../dist/', import.meta.url);
const shared = new URL('../../shared/benchmarks/jssp/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);

const { values: opts } = parseArgs({
  options: {
    'time-limit': { type: 'string', default: '60' },
    'la01-time-limit': { type: 'string', default: '120' },
    seed: { type: 'string', default: '1' },
    'lns-iterations': { type: 'string', default: '20' },
  },
});
const timeLimit = Number(opts['time-limit']);
const la01Limit = Number(opts['la01-time-limit']);
const seed = Number(opts.seed);

const { buildSchedulingModel } = await load('solver/milp/build-model.js');
const { startValues } = await load('solver/milp/mip-start.js');
const { MilpSolver } = await load('solver/runtime/milp-solve.js');
const { runGlpsol, GLPSOL } = await load('solver/runtime/milp-glpsol.js');
const { milpLns } = await load('solver/runtime/milp-lns.js');
const { solveShop } = await load('solver/runtime/solve-shop.js');
const { compileShop } = await load('solver/shop/compiled.js');
const { planOf } = await load('solver/shop/timetable.js');
const { FastRandom } = await load('solver/heuristics/fast-random.js');
const { loadShopProblemText } = await load('scenarios/load-shop.js');

/** An OR-Library instance of the shared benchmarks, read by the product's own importer. */
function orlib(name, file) {
  const loaded = loadShopProblemText(readFileSync(file, 'utf8'), name, 'orlib');
  if (!loaded.ok) throw new Error(`${name}: ${loaded.issues.map((i) => i.message).join('; ')}`);
  return loaded.problem;
}

/** A small flexible shop with releases, setups and a window (as in the tests, other seeds). */
function smallFlexible(s) {
  const rng = new FastRandom(s);
  return {
    name: `flex-${s}`,
    machines: Array.from({ length: 3 }, (_, k) => ({
      id: `M${k}`,
      setup: [
        [0, 1 + rng.int(3)],
        [1 + rng.int(3), 0],
      ],
      ...(k === 0 && { unavailable: [{ start: 15, end: 20, kind: 'maintenance' }] }),
    })),
    jobs: Array.from({ length: 4 }, (_, j) => ({
      id: `J${j}`,
      release: rng.int(10),
      operations: Array.from({ length: 3 }, (_, k) => {
        const first = rng.int(3);
        const alternatives = [{ machine: first, duration: 1 + rng.int(9) }];
        if (rng.int(2) === 0) alternatives.push({ machine: (first + 1) % 3, duration: 1 + rng.int(9) });
        return { id: `O${k}`, alternatives, family: rng.int(2) };
      }),
    })),
  };
}

const instances = [];
for (const name of ['ft06', 'la01']) {
  const file = new URL(name, shared);
  if (existsSync(file)) instances.push(orlib(name, file));
}
for (const s of [1, 2, 3]) instances.push(smallFlexible(s));

const solver = new MilpSolver();
const fmt = (r) =>
  `${r.status.padEnd(10)} ${String(r.objective === undefined ? '-' : Math.round(r.objective * 1e6) / 1e6).padStart(8)} ${r.timeS.toFixed(2).padStart(7)} s`;
console.log(
  `bench-milp: time limit ${timeLimit} s (la01: ${la01Limit} s), glpsol ${existsSync(GLPSOL) ? GLPSOL : 'missing'}`,
);
console.log(
  'model                          vars  bins  rows | glpk.js                       | HiGHS                         | glpsol',
);
for (const shop of instances) {
  const limit = shop.name === 'la01' ? la01Limit : timeLimit;
  const tabu = await solveShop(shop, { seed, workers: 1, maxIterations: 20000 });
  const variants = [
    { label: `${shop.name} relaxed`, problem: { shop }, start: undefined },
    { label: `${shop.name} H=start+MIP start`, problem: { shop, horizon: tabu.makespan }, start: tabu.plan },
  ];
  for (const v of variants) {
    const model = buildSchedulingModel(v.problem);
    const bins = model.lp.variables.filter((x) => x.kind === 'binary').length;
    const glpk = await solver.solve(model.lp, { backend: 'glpk', timeLimitS: limit });
    const highs = await solver.solve(model.lp, {
      backend: 'highs',
      timeLimitS: limit,
      ...(v.start && { start: startValues(model, v.start) }),
    });
    const native = existsSync(GLPSOL) ? await runGlpsol(model.lp, limit) : undefined;
    const bound = highs.bound !== undefined ? ` lb ${Math.round(highs.bound * 100) / 100}` : '';
    console.log(
      `${v.label.padEnd(30)} ${String(model.lp.variables.length).padStart(5)} ${String(bins).padStart(5)} ${String(model.lp.rows.length).padStart(5)} | ${fmt(glpk)} | ${fmt(highs)}${bound.padEnd(0)} | ${native ? fmt(native) : '-'}`,
    );
  }
}
await solver.close();

// LNS: the la01 instance (or ft06) from a poor start (every machine takes the jobs in reverse order).
const lnsShop = instances.find((s) => s.name === 'la01') ?? instances[0];
const compiled = compileShop(lnsShop);
const sequences = Array.from({ length: compiled.m }, () => []);
const alt = [];
for (let o = 0; o < compiled.n; o++) alt[o] = compiled.altStart[o];
for (let o = compiled.n - 1; o >= 0; o--) sequences[compiled.altMachine[alt[o]]].push(o);
const poor = planOf(compiled, { alt, sequences });
for (const backend of ['glpk', 'highs']) {
  const r = await milpLns({ shop: lnsShop }, poor, {
    seed,
    iterations: Number(opts['lns-iterations']),
    size: 12,
    solveTimeLimitS: 5,
    backend,
  });
  const solveS = r.steps.reduce((s, x) => s + x.timeS, 0);
  const cut = r.steps.filter((x) => x.status !== 'optimal').length;
  console.log(
    `LNS ${lnsShop.name} ${backend.padEnd(5)}: ${r.startObjective} -> ${r.objective} in ${r.iterations} iterations (${r.improvements} improvements, ${cut} sub-solves cut by the limit), solver ${solveS.toFixed(2)} s, total ${r.elapsedS.toFixed(2)} s`,
  );
}
