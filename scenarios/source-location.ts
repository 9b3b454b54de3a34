import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface SourceLocation {
  line: number;
  column: number;
}

/**
 * Where a path points in a YAML document: the value's node, or, for a key that is missing, the closest
 * ancestor that exists. For an unknown key the location of the key itself.
 */
export function locate(
  doc: Document,
  counter: LineCounter,
  segments: readonly (string | number)[],
): SourceLocation | undefined {
  let node: unknown = doc.contents;
  let best: Node | undefined = node as Node | undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      best = (pair.key as Node | undefined) ?? best;
      node = pair.value;
      // A key with a value reports at the value, except when the value is a block collection on later lines.
      if (isScalar(node)) best = node;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      best = item as Node;
    } else {
      break;
    }
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}
