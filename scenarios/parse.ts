import { LineCounter, parseDocument } from 'yaml';
import type { ValidationIssue } from '../twin/validate/issue.js';
import { issue } from '../twin/validate/issue.js';
import { migrate, type Migration } from './migrations.js';
import type { Scenario } from './schema.js';
import { locate, type SourceLocation } from './source-location.js';
import { validateScenario } from './validate.js';
import { applyEdits } from './edits/apply.js';

export type LocatedIssue = ValidationIssue & Partial<SourceLocation>;

export type ParsedScenario =
  { ok: true; scenario: Scenario; migrations: Migration[] } | { ok: false; issues: LocatedIssue[] };

/**
 * Scenario text (YAML, or JSON, which is YAML too) → a validated scenario, or every problem found, each with
 * its path inside the document and the line where YAML gives it.
 */
export function parseScenario(text: string): ParsedScenario {
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
  const raw: unknown = doc.toJS({ maxAliasCount: 1000 });
  const migrated = migrate(raw);
  const where = (segments: (string | number)[]) => locate(doc, counter, segments);
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
  const result = validateScenario(migrated.doc);
  if (!result.ok) {
    return { ok: false, issues: result.issues.map((i) => ({ ...i, ...where(i.segments) })) };
  }
  // Edits that cannot apply (removing the only machine for an operation) make the scenario unusable too.
  const edited = applyEdits(result.value);
  if (!edited.ok) return { ok: false, issues: edited.issues.map((i) => ({ ...i, ...where(i.segments) })) };
  return { ok: true, scenario: result.value, migrations: migrated.applied };
}
