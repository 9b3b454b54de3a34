import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type LocatedIssue } from './parse.js';

const smallPlant = readFileSync(new URL('./small-plant.yaml', import.meta.url), 'utf8');

function issuesOf(text: string): LocatedIssue[] {
  const result = parseScenario(text);
  if (result.ok) throw new Error('expected the scenario to be rejected');
  return result.issues;
}

describe('parseScenario', () => {
  it('accepts the small plant and fills in defaults', () => {
    const result = parseScenario(smallPlant);
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
    expect(result.scenario.machines).toHaveLength(5);
    expect(result.scenario.machines[0]!.capacity).toBe(1);
    expect(result.scenario.orders[0]!.weight).toBe(1);
    expect(result.migrations).toEqual([]);
  });

  it('names the path and the YAML line of a wrong type', () => {
    const text = smallPlant.replace('capacity: 2', 'capacity: two');
    const [problem, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'TWIN_E_SCHEMA', path: 'machines[3].capacity' });
    const line = text.split('\n').findIndex((l) => l.includes('capacity: two')) + 1;
    expect(problem!.line).toBe(line);
  });

  it('reports an unknown key at the key', () => {
    const text = smallPlant.replace('    kind: washer\n', '    kind: washer\n    colour: blue\n');
    const [problem] = issuesOf(text);
    expect(problem).toMatchObject({ code: 'TWIN_E_UNKNOWN_KEY', path: 'machines[3].colour' });
    expect(problem!.line).toBe(text.split('\n').findIndex((l) => l.includes('colour: blue')) + 1);
  });

  it('reports each problem once, all of them', () => {
    const text = smallPlant
      .replace(
        '{ machine: L2, time: { kind: triangular, min: 44',
        '{ machine: PRESS-42, time: { kind: triangular, min: 44',
      )
      .replace('mean: 72000 }', 'mean: -72000 }')
      .replace('due: 2026-11-25T22:00:00+08:00', 'due: 2026-11-20T22:00:00+08:00');
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['TWIN_E_SCHEMA', 'machines[0].ttf.mean'],
      ['TWIN_E_UNKNOWN_REFERENCE', 'products[0].routing[0].alternatives[1].machine'],
      ['TWIN_E_INCONSISTENT', 'orders[0].due'],
    ]);
    const semantic = issues.slice(1);
    expect(semantic[0]!.message).toMatch(/unknown machine "PRESS-42" \(known: L1, L2, OV1, W1, CMM1\)/);
    expect(semantic[1]!.message).toMatch(/before the release/);
    expect(semantic.every((i) => typeof i.line === 'number')).toBe(true);
  });

  it('suggests the id or key a typo probably meant', () => {
    const typo = issuesOf(
      smallPlant.replace(
        '{ machine: L2, time: { kind: triangular, min: 44',
        '{ machine: L3, time: { kind: triangular, min: 44',
      ),
    );
    expect(typo[0]!.message).toBe('unknown machine "L3" (did you mean "L1"?)');
    const key = issuesOf(smallPlant.replace('    capacity: 2', '    capcity: 2'));
    expect(key[0]!.message).toBe('unknown key (did you mean "capacity"?)');
  });

  it('rejects edits that leave an operation without a machine', () => {
    const text = smallPlant.replace(
      '  - { kind: machineDown,',
      '  - { kind: removeMachine, machine: OV1 }\n  - { kind: machineDown,',
    );
    const [problem, ...rest] = issuesOf(text);
    expect(rest.length).toBeGreaterThan(0); // both products need the oven
    expect(problem).toMatchObject({ code: 'TWIN_E_EDIT', path: 'edits[0].machine' });
    expect(problem!.message).toMatch(
      /leaves operation "harden" of product "shaft-short" with no machine \(orders SO-1001, SO-1003, SO-1005 cannot be finished\)/,
    );
    expect(problem!.line).toBe(text.split('\n').findIndex((l) => l.includes('removeMachine')) + 1);
  });

  it('reports YAML syntax errors with their line', () => {
    const [problem] = issuesOf('formatVersion: 2\nname: [unclosed\n');
    expect(problem!.code).toBe('TWIN_E_YAML_SYNTAX');
    expect(problem!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects duplicate keys, which YAML would otherwise silently merge', () => {
    const [problem] = issuesOf('formatVersion: 2\nname: a\nname: b\n');
    expect(problem!.code).toBe('TWIN_E_YAML_SYNTAX');
    expect(problem!.message).toMatch(/unique/i);
  });

  it('requires a known format version', () => {
    expect(issuesOf(smallPlant.replace('formatVersion: 2', 'formatVersion: 9'))[0]).toMatchObject({
      code: 'TWIN_E_FORMAT_VERSION',
      path: 'formatVersion',
      line: 2,
    });
    expect(issuesOf(smallPlant.replace('formatVersion: 2\n', ''))[0]!.message).toMatch(
      /formatVersion is required/,
    );
  });
});
