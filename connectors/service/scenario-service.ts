import { applyEdits } from '../../scenarios/edits/apply.js';
import type { Edit } from '../../scenarios/edits/schema.js';
import type { Scenario } from '../../scenarios/schema.js';
import { plantSimulationInput } from '../../scenarios/simulation-input.js';
import { compareReplications, summarizeReplications } from '../../solver/des/stats/replications.js';
import { runReplications } from '../../solver/runtime/replications.js';
import { TwinError } from '../../twin/errors.js';
import type { JobStore } from '../jobs/job-store.js';

export interface ScenarioEntry {
  id: string;
  name: string;
  base?: string;
  edits: Edit[];
  /** The scenario with its edits applied (what simulations run). */
  scenario: Scenario;
}

export interface RunResult {
  scenario: string;
  seed: number;
  replications: number;
  /** Per KPI: the value of each replication (replication r ran with seed + r). */
  values: Record<string, number[]>;
  summary: Record<string, { mean: number; halfWidth: number; low: number; high: number }>;
}

export interface RunProgress {
  done: number;
  total: number;
}

/** The scenario library of the service and what-if experiments on it, as jobs. */
export class ScenarioService {
  private readonly entries = new Map<string, ScenarioEntry>();

  constructor(
    base: Scenario,
    private readonly runs: JobStore<RunResult, RunProgress>,
    private readonly options: { maxScenarios: number; workers: number },
  ) {
    this.entries.set('baseline', { id: 'baseline', name: base.name, edits: [], scenario: base });
  }

  list(): ScenarioEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): ScenarioEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new TwinError('TWIN_E_NOT_FOUND', `no scenario "${id}"`, { scenario: id });
    return entry;
  }

  /** A new scenario: `base` with what-if edits applied; an edit that cannot apply names itself. */
  create(input: { name: string; base?: string; edits: Edit[] }): ScenarioEntry {
    if (this.entries.size >= this.options.maxScenarios) {
      throw new TwinError(
        'TWIN_E_TOO_LARGE',
        `the library holds at most ${this.options.maxScenarios} scenarios`,
      );
    }
    const baseId = input.base ?? 'baseline';
    const base = this.get(baseId);
    const applied = applyEdits(base.scenario, input.edits);
    if (!applied.ok) {
      const first = applied.issues[0]!;
      throw new TwinError('TWIN_E_EDIT', `${first.path}: ${first.message}`, {
        issues: applied.issues,
      });
    }
    const id = `s${this.entries.size}-${slug(input.name)}`;
    const entry = { id, name: input.name, base: baseId, edits: input.edits, scenario: applied.value };
    this.entries.set(id, entry);
    return entry;
  }

  /** Run R replications of a scenario (seed + r each, so two scenarios compare under common random numbers). */
  run(id: string, replications: number, seed: number) {
    const { scenario } = this.get(id);
    const input = plantSimulationInput(scenario);
    const tasks = Array.from({ length: replications }, (_, r) => ({
      id: r,
      model: 'factory' as const,
      seed: seed + r,
      rng: scenario.experiment?.rng ?? ('default' as const),
      input,
    }));
    return this.runs.submit('whatIf', async ({ report }) => {
      const outcomes = await runReplications(tasks, {
        workers: this.options.workers,
        onProgress: (done, total) => report({ done, total }),
      });
      const failed = outcomes.find((o) => o.error);
      if (failed)
        throw new TwinError('TWIN_E_INTERNAL', `replication seed ${failed.seed}: ${failed.error!.message}`);
      const values: Record<string, number[]> = {};
      for (const o of outcomes) {
        for (const [k, v] of Object.entries(o.result ?? {})) {
          if (typeof v === 'number' && k !== 'seed') (values[k] ??= []).push(v);
        }
      }
      const summary = Object.fromEntries(
        Object.entries(values).map(([k, v]) => {
          const s = summarizeReplications(v);
          return [k, { mean: s.mean, halfWidth: s.halfWidth, low: s.low, high: s.high }];
        }),
      );
      return { scenario: id, seed, replications, values, summary };
    });
  }

  /** KPI by KPI, run `b` minus run `a` with a paired interval when they share seeds. */
  static compare(a: RunResult, b: RunResult) {
    const paired = a.seed === b.seed && a.replications === b.replications;
    const kpis = Object.keys(a.values).filter((k) => b.values[k] && (b.values[k]!.length > 1 || !paired));
    return {
      a: a.scenario,
      b: b.scenario,
      paired,
      kpis: Object.fromEntries(
        kpis.map((k) => {
          const c = compareReplications(b.values[k]!, a.values[k]!, 0.95, paired);
          return [
            k,
            {
              a: a.summary[k]!.mean,
              b: b.summary[k]!.mean,
              difference: c.meanDiff,
              low: c.low,
              high: c.high,
            },
          ];
        }),
      ),
    };
  }
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'scenario'
  );
}
