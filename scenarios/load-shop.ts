// Any input the product accepts, as the scheduler's problem: a benchmark instance maps straight to it (jobs,
// operations and machine numbers as in the file); a scenario goes through its model, what-if edits applied.
import type { ShopProblem } from '../solver/shop/problem.js';
import { benchmarkToShopProblem } from './importers/to-shop-problem.js';
import { instanceName, loadScenarioText, parseBenchmark, resolveFormat, type InputFormat } from './load.js';
import type { LocatedIssue } from './parse.js';
import { scenarioToShopProblem } from './to-shop-problem.js';

export type LoadedShopProblem =
  | { ok: true; problem: ShopProblem; format: InputFormat }
  | { ok: false; format: InputFormat; issues: LocatedIssue[] };

/** `name` is the file name: it gives the format by extension and, for benchmarks, the problem's name. */
export function loadShopProblemText(text: string, name: string, format?: InputFormat): LoadedShopProblem {
  const chosen = resolveFormat(text, name, format);
  if (chosen === 'scenario') {
    const loaded = loadScenarioText(text, name, chosen);
    return loaded.ok ? { ok: true, problem: scenarioToShopProblem(loaded.edited), format: chosen } : loaded;
  }
  const parsed = parseBenchmark(text, chosen);
  if (!parsed.ok) return { ok: false, format: chosen, issues: parsed.issues };
  return { ok: true, problem: benchmarkToShopProblem(parsed.instance, instanceName(name)), format: chosen };
}
