// Operator conflicts named before any search: an operation needing a skill that no operator has, or whose
// skilled operators are never on shift between now and the horizon; a pin keeping an operator that does not
// exist or lacks the skill. A running operation is a fact and is not judged.
import type { Conflict } from './infeasibility.js';
import { operatorShift } from './operators.js';
import type { ProductionOperation, ProductionProblem } from './problem.js';

/** The check for one operation of `problem`; whether an operator works at all is worked out once each. */
export function operatorConflicts(
  problem: ProductionProblem,
): (job: string, op: ProductionOperation) => Conflict | undefined {
  const works: (boolean | undefined)[] = [];
  const worksAt = (k: number) =>
    (works[k] ??= operatorShift(problem, k).openTimeBetween(problem.now, problem.horizon) > 0);
  return (job, op) => operatorConflict(problem, job, op, worksAt);
}

function operatorConflict(
  problem: ProductionProblem,
  job: string,
  op: ProductionOperation,
  works: (operator: number) => boolean,
): Conflict | undefined {
  const at = `order "${job}", operation "${op.id}"`;
  const operators = problem.operators ?? [];
  const ids = { job, operation: op.id };
  if (op.pin?.operator !== undefined) {
    const w = operators[op.pin.operator];
    const reason = !w
      ? `operator index ${op.pin.operator} does not exist (the problem has ${operators.length})`
      : op.skill !== undefined && !w.skills.includes(op.skill)
        ? `operator "${w.id}" lacks its skill "${op.skill}"`
        : undefined;
    if (reason !== undefined)
      return {
        kind: 'badPin',
        ...ids,
        message: `${at} is pinned (${op.pin.reason}) with an operator, but ${reason}`,
      };
  }
  if (op.skill === undefined || op.pin?.reason === 'running') return undefined;
  const skill = op.skill;
  const skilled = operators.map((w, k) => [w, k] as const).filter(([w]) => w.skills.includes(skill));
  if (skilled.length === 0)
    return {
      kind: 'noOperator',
      ...ids,
      skill,
      message: `${at} needs an operator with skill "${skill}", and no operator has it`,
    };
  if (skilled.some(([, k]) => works(k))) return undefined;
  const names = skilled.map(([w]) => `"${w.id}"`).join(', ');
  return {
    kind: 'noOperator',
    ...ids,
    skill,
    message:
      `${at} needs an operator with skill "${skill}"; ${names} ${skilled.length > 1 ? 'have' : 'has'} it but ` +
      `never ${skilled.length > 1 ? 'work' : 'works'} between ${problem.now} s and the horizon ${problem.horizon} s`,
  };
}
