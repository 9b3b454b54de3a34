import { describe, expect, it } from 'vitest';
import { generateBenchPlan } from './gantt-bench.js';
import { buildGanttLayout, hitTest, queryVisible, type QueryStats } from './gantt-layout.js';

/**
 * Node figures for the report (`npx vitest run viewer/src/gantt/gantt-perf.test.ts`): layout build and viewport
 * query times for 10,000 operations. Timings vary with the machine's load, so they are printed, not asserted;
 * the assertions are on work done (bars examined), which does not.
 */
describe('gantt layout performance, 10,000 operations', () => {
  it('builds once and answers viewport queries reading a small share of the bars', () => {
    const bench = generateBenchPlan(10_000, 42, Date.UTC(2025, 0, 6));
    const builds: number[] = [];
    let layout = buildGanttLayout(bench);
    for (let k = 0; k < 10; k++) {
      const t0 = performance.now();
      layout = buildGanttLayout(bench);
      builds.push(performance.now() - t0);
    }
    const out = new Int32Array(layout.bars.length);
    const span = layout.maxMs - layout.minMs;
    const stats: QueryStats = { examined: 0 };
    let visible = 0;
    const queries = 2000;
    const t0 = performance.now();
    for (let k = 0; k < queries; k++) {
      // A viewport of 20 rows and a tenth of the plan, sliding over both axes.
      const startMs = layout.minMs + ((k % 100) / 100) * span;
      const firstRow = (k * 7) % (layout.rows.length - 20);
      visible += queryVisible(
        layout,
        { startMs, endMs: startMs + span / 10, firstRow, lastRow: firstRow + 19 },
        out,
        stats,
      );
    }
    const queryMs = (performance.now() - t0) / queries;
    const hits = 2000;
    const t1 = performance.now();
    let found = 0;
    for (let k = 0; k < hits; k++) {
      const bar = layout.bars[(k * 4999) % layout.bars.length]!;
      if (hitTest(layout, bar.row, (bar.startMs + bar.endMs) / 2) >= 0) found++;
    }
    const hitUs = ((performance.now() - t1) / hits) * 1000;
    builds.sort((a, b) => a - b);
    console.log(
      `[gantt perf] 10,000 ops, ${layout.rows.length} rows: build median ${builds[5]!.toFixed(1)} ms ` +
        `(min ${builds[0]!.toFixed(1)}); viewport query ${(queryMs * 1000).toFixed(1)} µs for ` +
        `${(visible / queries).toFixed(0)} visible bars, ${(stats.examined / queries).toFixed(0)} examined; ` +
        `hit test ${hitUs.toFixed(2)} µs`,
    );
    expect(found).toBe(hits);
    expect(stats.examined / queries).toBeLessThan(visible / queries + 20 * 12);
  });
});
