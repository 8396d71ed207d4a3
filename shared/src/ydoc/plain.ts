import * as Y from 'yjs';

/**
 * How deep a reader follows nested Yjs types (shared/SPEC.md [V6]). Every entity of every
 * document kind is at most three levels deep (root, entity, nested field); the server refuses
 * deeper updates at the door ([V5]), and a document stored before that rule must still read.
 */
export const READ_DEPTH = 8;

/**
 * The plain value of a Yjs value, like `toJSON()` but never deeper than `depth` levels of nested
 * types: what lies deeper reads as `undefined`, where `toJSON()` would recurse until the stack
 * overflows (a 72 KB update of 6,000 nested maps did). Plain values are returned as stored.
 */
export function plainOf(value: unknown, depth: number = READ_DEPTH): unknown {
  if (value instanceof Y.Map) {
    if (depth <= 0) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, entry] of value.entries()) out[key] = plainOf(entry, depth - 1);
    return out;
  }
  if (value instanceof Y.Array) {
    if (depth <= 0) return undefined;
    return value.toArray().map((entry) => plainOf(entry, depth - 1));
  }
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.AbstractType) return undefined;
  return value;
}
