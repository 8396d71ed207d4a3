/** Small text helpers for quoting evidence. */

const QUOTE_CHARS = 70;

/** A short quote of `text`, cut on a word boundary. */
export function quote(text: string, max = QUOTE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return `“${flat}”`;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `“${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…”`;
}

/** Distinct matches of `pattern` (global) in `text`, lower-cased, in order of first match. */
export function distinctMatches(text: string, pattern: RegExp): string[] {
  const found = new Set<string>();
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern))
    found.add(match[0].toLowerCase().replace(/\s+/g, ' '));
  return [...found];
}

/** The sentence of `text` around the first match of `pattern`, quoted. */
export function sentenceAround(text: string, pattern: RegExp): string | null {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  if (!match) return null;
  const before = text.slice(0, match.index);
  const start =
    Math.max(before.lastIndexOf('.'), before.lastIndexOf('\n'), before.lastIndexOf('?')) + 1;
  const afterIndex = text.slice(match.index).search(/[.?!\n]/);
  const end = afterIndex < 0 ? text.length : match.index + afterIndex + 1;
  return quote(text.slice(start, end));
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
