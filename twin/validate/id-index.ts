import { issue, type ValidationIssue } from './issue.js';
import { closest } from './suggest.js';

/** Ids of one collection (at `key`, a top-level key or a path), with duplicate detection as they are indexed. */
export function indexIds<T extends { id: string }>(
  items: readonly T[] | undefined,
  key: string | (string | number)[],
  issues: ValidationIssue[],
  kind: string,
): Map<string, T> {
  const byId = new Map<string, T>();
  const at = typeof key === 'string' ? [key] : key;
  (items ?? []).forEach((item, i) => {
    if (byId.has(item.id)) {
      issues.push(issue('TWIN_E_DUPLICATE_ID', [...at, i, 'id'], `duplicate ${kind} id "${item.id}"`));
    } else {
      byId.set(item.id, item);
    }
  });
  return byId;
}

/** Report a reference that names nothing in `known`. */
export function checkRef(
  known: ReadonlyMap<string, unknown> | ReadonlySet<string>,
  id: string | undefined,
  at: (string | number)[],
  kind: string,
  issues: ValidationIssue[],
): void {
  if (id === undefined || known.has(id)) return;
  const guess = closest(id, known.keys());
  const sample = [...known.keys()].slice(0, 8).join(', ');
  const more = known.size > 8 ? ', ...' : '';
  const hint = guess
    ? `did you mean "${guess}"?`
    : known.size
      ? `known: ${sample}${more}`
      : `there are no ${kind}s`;
  issues.push(issue('TWIN_E_UNKNOWN_REFERENCE', at, `unknown ${kind} "${id}" (${hint})`));
}
