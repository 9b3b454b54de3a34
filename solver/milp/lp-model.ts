// A solver-neutral linear model: named variables with bounds and kinds, named rows `lo <= sum(coef * var) <= hi`
// and a linear objective to minimise. Model builders write into it; cplex-lp.ts and glpk-json.ts turn it into
// the formats the solvers read. Plain data, so it crosses worker threads as is (and is validated there).
import Type, { type Static } from 'typebox';

export const LpTerm = Type.Object(
  { name: Type.String({ minLength: 1 }), coef: Type.Number() },
  { additionalProperties: false },
);
export type LpTerm = Static<typeof LpTerm>;

export const LpVariable = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    kind: Type.Union([Type.Literal('continuous'), Type.Literal('binary'), Type.Literal('integer')]),
    /** Absent: minus infinity (continuous variables are usually bounded below by 0: say so). */
    lb: Type.Optional(Type.Number()),
    /** Absent: plus infinity. */
    ub: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export type LpVariable = Static<typeof LpVariable>;

export const LpRow = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    terms: Type.Array(LpTerm, { minItems: 1 }),
    /** Absent: no lower limit. */
    lo: Type.Optional(Type.Number()),
    /** Absent: no upper limit. */
    hi: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export type LpRow = Static<typeof LpRow>;

export const LpModel = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    /** Minimised: `sum(objective) + objectiveOffset`. The offset is added back by whoever reads the result. */
    objective: Type.Array(LpTerm),
    objectiveOffset: Type.Number(),
    variables: Type.Array(LpVariable),
    rows: Type.Array(LpRow),
  },
  { additionalProperties: false },
);
export type LpModel = Static<typeof LpModel>;

/** A linear expression under construction: terms by variable name (insertion order kept) plus a constant. */
export class LinearExpr {
  readonly coefs = new Map<string, number>();
  constant = 0;

  add(name: string | undefined, coef: number): this {
    if (coef === 0) return this;
    if (name === undefined) this.constant += coef;
    else this.coefs.set(name, (this.coefs.get(name) ?? 0) + coef);
    return this;
  }

  plus(other: LinearExpr, factor = 1): this {
    for (const [name, coef] of other.coefs) this.add(name, coef * factor);
    this.constant += other.constant * factor;
    return this;
  }

  terms(): LpTerm[] {
    const out: LpTerm[] = [];
    for (const [name, coef] of this.coefs) if (coef !== 0) out.push({ name, coef });
    return out;
  }
}

/**
 * Collects variables and rows with unique names, in a deterministic order. Rows whose terms all cancel are not
 * written: one that cannot hold makes the model infeasible, and the reason is kept in `infeasible`.
 */
export class LpModelBuilder {
  private readonly variables = new Map<string, LpVariable>();
  private readonly rows: LpRow[] = [];
  private readonly rowNames = new Set<string>();
  readonly objective = new LinearExpr();
  infeasible: string | undefined;

  constructor(private readonly name: string) {}

  addVariable(variable: LpVariable): string {
    if (this.variables.has(variable.name)) throw new Error(`variable ${variable.name} declared twice`);
    this.variables.set(variable.name, variable);
    return variable.name;
  }

  hasVariable(name: string): boolean {
    return this.variables.has(name);
  }

  variable(name: string): LpVariable | undefined {
    return this.variables.get(name);
  }

  /** Raises the lower bound and lowers the upper bound of a variable (never loosens them). */
  tighten(name: string, lb: number | undefined, ub: number | undefined): void {
    const v = this.variables.get(name);
    if (v === undefined) throw new Error(`no variable ${name}`);
    if (lb !== undefined && (v.lb === undefined || lb > v.lb)) v.lb = lb;
    if (ub !== undefined && (v.ub === undefined || ub < v.ub)) v.ub = ub;
    if (v.lb !== undefined && v.ub !== undefined && v.lb > v.ub + 1e-9) {
      this.infeasible ??= `${name} must lie in [${v.lb}, ${v.ub}]`;
    }
  }

  /** `expr >= lo` (and/or `<= hi`); the expression's constant moves to the limits. */
  addRow(name: string, expr: LinearExpr, lo: number | undefined, hi: number | undefined): void {
    if (this.rowNames.has(name)) throw new Error(`row ${name} declared twice`);
    for (const v of expr.coefs.keys()) {
      if (!this.variables.has(v)) throw new Error(`row ${name} uses undeclared variable ${v}`);
    }
    const l = lo === undefined ? undefined : lo - expr.constant;
    const h = hi === undefined ? undefined : hi - expr.constant;
    const terms = expr.terms();
    if (terms.length === 0) {
      if ((l !== undefined && l > 1e-9) || (h !== undefined && h < -1e-9)) {
        this.infeasible ??= `row ${name} cannot hold (${l ?? '-inf'} <= 0 <= ${h ?? 'inf'})`;
      }
      return;
    }
    this.rowNames.add(name);
    this.rows.push({
      name,
      terms,
      ...(l !== undefined && { lo: l }),
      ...(h !== undefined && { hi: h }),
    });
  }

  build(): LpModel {
    return {
      name: this.name,
      objective: this.objective.terms(),
      objectiveOffset: this.objective.constant,
      variables: [...this.variables.values()].map((v) => ({ ...v })),
      rows: this.rows,
    };
  }
}
