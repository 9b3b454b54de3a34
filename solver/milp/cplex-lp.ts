// CPLEX LP text of an LpModel: what HiGHS reads and native `glpsol --lp` reads. A row with both limits
// finite and different is written as two rows (`name_lo`, `name_hi`), which every LP reader accepts.
import type { LpModel, LpTerm } from './lp-model.js';

const TERMS_PER_LINE = 8;

function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return Object.is(x, -0) ? '0' : String(x);
}

function sum(terms: readonly LpTerm[]): string {
  const lines: string[] = [];
  let line = '';
  terms.forEach((t, i) => {
    const sign = t.coef < 0 ? '-' : '+';
    const abs = Math.abs(t.coef);
    const piece = `${i === 0 && sign === '+' ? '' : `${sign} `}${abs === 1 ? '' : `${num(abs)} `}${t.name}`;
    line += (line === '' ? '' : ' ') + piece;
    if ((i + 1) % TERMS_PER_LINE === 0) {
      lines.push(line);
      line = '';
    }
  });
  if (line !== '') lines.push(line);
  return lines.join('\n   ');
}

export function toCplexLp(model: LpModel): string {
  const out: string[] = [`\\ ${model.name}`, 'Minimize'];
  const used = new Set<string>();
  for (const r of model.rows) for (const t of r.terms) used.add(t.name);
  for (const t of model.objective) used.add(t.name);
  // A variable that appears nowhere else must still be declared: give it a zero cost.
  const objective: LpTerm[] = [...model.objective];
  for (const v of model.variables) if (!used.has(v.name)) objective.push({ name: v.name, coef: 0 });
  out.push(objective.length > 0 ? ` obj: ${sum(objective)}` : ' obj:');
  out.push('Subject To');
  for (const r of model.rows) {
    const body = sum(r.terms);
    if (r.lo !== undefined && r.hi !== undefined && r.lo === r.hi)
      out.push(` ${r.name}: ${body} = ${num(r.lo)}`);
    else if (r.lo !== undefined && r.hi !== undefined) {
      out.push(` ${r.name}_lo: ${body} >= ${num(r.lo)}`);
      out.push(` ${r.name}_hi: ${body} <= ${num(r.hi)}`);
    } else if (r.lo !== undefined) out.push(` ${r.name}: ${body} >= ${num(r.lo)}`);
    else if (r.hi !== undefined) out.push(` ${r.name}: ${body} <= ${num(r.hi)}`);
  }
  out.push('Bounds');
  const binaries: string[] = [];
  const generals: string[] = [];
  for (const v of model.variables) {
    if (v.kind === 'binary') binaries.push(v.name);
    if (v.kind === 'integer') generals.push(v.name);
    const lb = v.lb;
    const ub = v.ub;
    if (v.kind === 'binary' && (lb ?? 0) <= 0 && (ub ?? 1) >= 1) continue;
    if (lb === undefined && ub === undefined) out.push(` ${v.name} free`);
    else if (lb !== undefined && ub !== undefined && lb === ub) out.push(` ${v.name} = ${num(lb)}`);
    else if (lb === 0 && ub === undefined) continue;
    else
      out.push(
        ` ${lb === undefined ? '-inf' : num(lb)} <= ${v.name} <= ${ub === undefined ? '+inf' : num(ub)}`,
      );
  }
  if (binaries.length > 0) out.push('Binaries', ...chunk(binaries));
  if (generals.length > 0) out.push('Generals', ...chunk(generals));
  out.push('End', '');
  return out.join('\n');
}

function chunk(names: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += TERMS_PER_LINE)
    lines.push(` ${names.slice(i, i + TERMS_PER_LINE).join(' ')}`);
  return lines;
}
