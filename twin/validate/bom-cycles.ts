import type { Product } from '../schema/product.js';
import { issue, type ValidationIssue } from './issue.js';

/** A product may not need itself, directly or through its components. */
export function checkBomCycles(products: readonly Product[]): ValidationIssue[] {
  const components = new Map<string, string[]>(
    products.map((p) => [p.id, (p.bom ?? []).map((b) => b.product)]),
  );
  const state = new Map<string, 'visiting' | 'done'>();
  const issues: ValidationIssue[] = [];
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const at = products.findIndex((p) => p.id === id);
      issues.push(
        issue(
          'TWIN_E_CYCLE',
          ['products', at, 'bom'],
          `bill of materials contains itself: ${cycle.join(' → ')}`,
        ),
      );
      return;
    }
    state.set(id, 'visiting');
    for (const child of components.get(id) ?? []) if (components.has(child)) visit(child, [...trail, id]);
    state.set(id, 'done');
  };
  for (const p of products) visit(p.id, []);
  return issues;
}
