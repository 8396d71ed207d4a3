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

/** Non-ASCII characters that separate words: typographic quotes and dashes, ellipsis, spaces. */
function isSeparator(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0xab ||
    code === 0xbb ||
    (code >= 0x2000 && code <= 0x2018) ||
    (code >= 0x201a && code <= 0x206f) ||
    code === 0x3000
  );
}

/**
 * Lower-case words of `text` (letters, digits and apostrophes; typographic apostrophes made
 * plain). A hand-written scan: a Unicode-aware regex over a long discussion costs milliseconds.
 */
export function wordsOf(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  let curly = false;
  for (let i = 0; i <= lower.length; i += 1) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    const inWord =
      (code >= 97 && code <= 122) ||
      (code >= 48 && code <= 57) ||
      code === 39 ||
      code === 0x2019 ||
      (code > 127 && !isSeparator(code));
    if (inWord) {
      if (start < 0) start = i;
      if (code === 0x2019) curly = true;
    } else if (start >= 0) {
      const word = lower.slice(start, i);
      out.push(curly ? word.replace(/’/g, "'") : word);
      start = -1;
      curly = false;
    }
  }
  return out;
}

/**
 * A list of terms (one word or several) looked up in a text's words in one pass: the checker runs
 * on every keystroke, and one big alternation regex over a long discussion costs milliseconds.
 */
export class TermList {
  private readonly byFirstWord = new Map<string, Array<{ term: string; words: string[] }>>();

  constructor(terms: readonly string[]) {
    for (const term of terms) {
      const words = wordsOf(term);
      const first = words[0];
      if (first === undefined) continue;
      const entries = this.byFirstWord.get(first) ?? [];
      entries.push({ term: words.join(' '), words });
      // Longer terms first, so "extended family" wins over "family" at the same place.
      entries.sort((a, b) => b.words.length - a.words.length);
      this.byFirstWord.set(first, entries);
    }
  }

  /** `words` without those covered by a term of the list. */
  strip(words: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < words.length;) {
      const entries = this.byFirstWord.get(words[i] as string);
      const entry = entries?.find((e) =>
        e.words.every((word, offset) => words[i + offset] === word),
      );
      if (entry) {
        i += entry.words.length;
      } else {
        out.push(words[i] as string);
        i += 1;
      }
    }
    return out;
  }

  /** Distinct terms found in `words`, in order of first appearance. */
  find(words: readonly string[]): string[] {
    const found = new Set<string>();
    for (let i = 0; i < words.length; i += 1) {
      const entries = this.byFirstWord.get(words[i] as string);
      if (!entries) continue;
      for (const entry of entries) {
        if (entry.words.every((word, offset) => words[i + offset] === word)) {
          found.add(entry.term);
          break;
        }
      }
    }
    return [...found];
  }
}

/** A whole-word, case-insensitive pattern for one term, to quote where it was found. */
export function termRegExp(term: string): RegExp {
  const escaped = term
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}'])${escaped}(?![\\p{L}\\p{N}'])`, 'iu');
}

/** What the checker needs to know of one sentence of the minutes. */
export interface SentenceFacts {
  text: string;
  wider: string[];
  patterns: string[];
  /** Tentative or curious phrases, "may" only as a verb ([C3]). */
  reflective: string[];
  /** Holds a fixed-view phrase ("clearly", "won't change"). */
  fixed: boolean;
  /** Holds a challenge ("not convinced", "another explanation"). */
  challenge: boolean;
  /** Nothing is left once stock phrases and process words are taken out ([C0]). */
  stock: boolean;
  mentionsGenogram: boolean;
  /** Content words, for telling near-identical ideas apart. */
  content: string[];
  /** The last family-view pattern tried on this sentence, and whether it matched. */
  familyView: { pattern: RegExp; matched: boolean } | null;
}

/** What the checker needs to know of one line (a paragraph) of the minutes. */
export interface LineFacts {
  lower: string;
  words: ReadonlySet<string>;
  sentences: SentenceFacts[];
  /** Upper-case words of two or three letters, as typed: initials, or abbreviations. */
  capitals: string[];
  /** The last family-view pattern tried on this line, and whether it matched. */
  familyView: { pattern: RegExp; matched: boolean } | null;
  /** Content words of the line without its leading attribution, once asked for. */
  ideaContent?: string[];
}

export interface CheckLists {
  wider: TermList;
  patterns: TermList;
  reflective: TermList;
  fixed: TermList;
  challenge: TermList;
  stock: TermList;
  filler: ReadonlySet<string>;
  mayAsVerb: RegExp;
}

/** Small words that carry no content of their own. */
const STOPWORDS = new Set(
  (
    'a an the and or but so to of in on at by for from with without as is are was were be been ' +
    'being it its it’s this that these those there their they them he she him her his hers we us ' +
    'our you your i me my not no nor do does did have has had will would can could should may ' +
    'might must than then when while if because about into over under up down out off just ' +
    'very also still all any some more most much many who whom which what how why where'
  ).split(' '),
);

/** A crude stem, enough to see "drinks" and "drink" as one word. */
function stem(word: string): string {
  const plain = word.replace(/'s$/, '');
  if (plain.length > 4 && plain.endsWith('s') && !plain.endsWith('ss')) return plain.slice(0, -1);
  return plain;
}

/** Content words of `words`, stemmed. */
export function contentWords(words: readonly string[]): string[] {
  return words.filter((w) => !STOPWORDS.has(w) && w.length > 1).map(stem);
}

/** The share of words two texts have in common (Jaccard), 0 when either is empty. */
export function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const left = new Set(a);
  const right = new Set(b);
  let common = 0;
  for (const word of left) if (right.has(word)) common += 1;
  return common / (left.size + right.size - common);
}

/** Sentences of a line: split after . ? ! ; followed by a space, keeping the mark. */
export function sentencesOf(line: string): string[] {
  return line
    .split(/(?<=[.?!;])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const CAPITALS = /(?<![\p{L}\p{N}])\p{Lu}{2,3}(?![\p{L}\p{N}])/gu;

function sentenceFacts(text: string, lists: CheckLists): SentenceFacts {
  const words = wordsOf(text);
  const reflective = lists.reflective.find(words);
  if (lists.mayAsVerb.test(text)) reflective.push('may');
  const left = lists.stock.strip(words).filter((w) => !lists.filler.has(w) && !STOPWORDS.has(w));
  return {
    text,
    wider: lists.wider.find(words),
    patterns: lists.patterns.find(words),
    reflective,
    fixed: lists.fixed.find(words).length > 0,
    challenge: lists.challenge.find(words).length > 0,
    stock: left.length === 0,
    mentionsGenogram: words.includes('genogram'),
    content: contentWords(words),
    familyView: null,
  };
}

const MAX_CACHED_LINES = 20_000;

/**
 * Facts about lines of minutes, by their text. Between two keystrokes only the line being typed
 * changes, so a panel that keeps one cache re-reads one line, not the whole discussion. The
 * checker's output does not depend on the cache; it is only faster with it.
 */
export class CheckCache {
  private readonly lines = new Map<string, LineFacts>();

  constructor(private readonly lists: CheckLists) {}

  facts(line: string): LineFacts {
    let facts = this.lines.get(line);
    if (!facts) {
      facts = {
        lower: line.toLowerCase(),
        words: new Set(wordsOf(line)),
        sentences: sentencesOf(line).map((sentence) => sentenceFacts(sentence, this.lists)),
        capitals: line.match(CAPITALS) ?? [],
        familyView: null,
      };
      if (this.lines.size >= MAX_CACHED_LINES) this.lines.clear();
      this.lines.set(line, facts);
    }
    return facts;
  }
}
