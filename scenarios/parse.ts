import { LineCounter, parseDocument } from 'yaml';
import type { ValidationIssue } from '../twin/validate/issue.js';
import { issue } from '../twin/validate/issue.js';
import { checkSchema } from '../twin/validate/schema-check.js';
import { migrate, type Migration } from './migrations.js';
import type { Scenario } from './schema.js';
import { locate, type SourceLocation } from './source-location.js';
import { validateScenario } from './validate.js';
import { applyEdits } from './edits/apply.js';
import { isReferenceDocument, ReferenceScenario } from './reference.js';

export type LocatedIssue = ValidationIssue & Partial<SourceLocation>;

export type ParsedScenario =
  | {
      ok: true;
      scenario: Scenario;
      /** The scenario with its what-if edits applied (what simulation and inspection work on). */
      edited: Scenario;
      migrations: Migration[];
    }
  | { ok: false; issues: LocatedIssue[] };

export type ParsedSimulationInput =
  | { ok: true; kind: 'plant'; scenario: Scenario; edited: Scenario; migrations: Migration[] }
  | { ok: true; kind: 'reference'; reference: ReferenceScenario }
  | { ok: false; issues: LocatedIssue[] };

type Where = (segments: (string | number)[]) => SourceLocation | undefined;

/** YAML text → a migrated raw document and a way to locate paths in it, or the syntax problems. */
function readDocument(
  text: string,
): { ok: true; doc: unknown; where: Where; migrations: Migration[] } | { ok: false; issues: LocatedIssue[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: true,
    uniqueKeys: true,
    merge: true,
  });
  if (doc.errors.length) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const firstLine = e.message.split('\n')[0] ?? e.message;
        return {
          ...issue('TWIN_E_YAML_SYNTAX', [], firstLine),
          ...(pos && { line: pos.line, column: pos.col }),
        };
      }),
    };
  }
  const where: Where = (segments) => locate(doc, counter, segments);
  const migrated = migrate(doc.toJS({ maxAliasCount: 1000 }));
  if (!migrated.ok) {
    return {
      ok: false,
      issues: [
        {
          ...issue('TWIN_E_FORMAT_VERSION', ['formatVersion'], migrated.message),
          ...where(['formatVersion']),
        },
      ],
    };
  }
  return { ok: true, doc: migrated.doc, where, migrations: migrated.applied };
}

const located = (issues: ValidationIssue[], where: Where): LocatedIssue[] =>
  issues.map((i) => ({ ...i, ...where(i.segments) }));

function validatePlant(doc: unknown, where: Where, migrations: Migration[]): ParsedScenario {
  const result = validateScenario(doc);
  if (!result.ok) return { ok: false, issues: located(result.issues, where) };
  // Edits that cannot apply (removing the only machine for an operation) make the scenario unusable too.
  const edited = applyEdits(result.value);
  if (!edited.ok) return { ok: false, issues: located(edited.issues, where) };
  return { ok: true, scenario: result.value, edited: edited.value, migrations };
}

/**
 * Plant scenario text (YAML, or JSON, which is YAML too) → a validated scenario, or every problem found, each
 * with its path inside the document and the line where YAML gives it.
 */
export function parseScenario(text: string): ParsedScenario {
  const read = readDocument(text);
  if (!read.ok) return read;
  if (isReferenceDocument(read.doc)) {
    const message = 'this is a reference model file (it has a `model` block), not a plant scenario';
    return {
      ok: false,
      issues: [{ ...issue('TWIN_E_SCHEMA', ['model'], message), ...read.where(['model']) }],
    };
  }
  return validatePlant(read.doc, read.where, read.migrations);
}

/** Anything `twin simulate` runs: a plant scenario or a reference model file. */
export function parseSimulationInput(text: string): ParsedSimulationInput {
  const read = readDocument(text);
  if (!read.ok) return read;
  if (isReferenceDocument(read.doc)) {
    const checked = checkSchema(ReferenceScenario, read.doc);
    return checked.ok
      ? { ok: true, kind: 'reference', reference: checked.value }
      : { ok: false, issues: located(checked.issues, read.where) };
  }
  const plant = validatePlant(read.doc, read.where, read.migrations);
  return plant.ok
    ? {
        ok: true,
        kind: 'plant',
        scenario: plant.scenario,
        edited: plant.edited,
        migrations: plant.migrations,
      }
    : plant;
}
