import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import * as fontkit from 'fontkit';

/**
 * The fonts of the PDF exports: Noto, so that the names of the families a UK unit works with come
 * out as written (Latin with every accent Polish, Romanian, Turkish or Vietnamese needs, Greek,
 * Cyrillic, Devanagari, Arabic, Bengali and Chinese), embedded as subsets of only the glyphs a
 * document uses.
 *
 * The Fontsource packages split Noto Sans by script (Chinese into about a hundred slices): one
 * small file per slice and weight, in WOFF 1, which pdfkit's fontkit reads and subsets like a
 * TrueType font in milliseconds (a whole CJK OpenType font took 1.4 s a weight to subset). Each
 * character is drawn with the first face that covers it, so a document loads only the slices
 * its text needs.
 */

export type Weight = 'regular' | 'bold';

interface Face {
  /** Unique name of the face; with the weight, the name pdfkit registers. */
  id: string;
  ranges: Array<[number, number]>;
  files: Record<Weight, string>;
}

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

function parseRanges(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(from ?? '', 16);
    return [start, to === undefined ? start : parseInt(to, 16)];
  });
}

/** A Fontsource package's faces, in the order given (the order is the fallback order). */
function fontsourceFaces(
  pkg: string,
  family: string,
  subsets: readonly string[],
  key = (subset: string) => subset,
): Face[] {
  const dir = packageDir(pkg);
  const ranges = JSON.parse(fs.readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  return subsets.map((subset) => {
    const unicode = ranges[key(subset)];
    if (!unicode) throw new Error(`${pkg} has no subset ${subset}`);
    const file = (weight: number) =>
      path.join(dir, 'files', `${family}-${subset}-${weight}-normal.woff`);
    return {
      id: `${family}-${subset}`,
      ranges: parseRanges(unicode),
      files: { regular: file(400), bold: file(700) },
    };
  });
}

/** Noto Sans SC, cut by Fontsource into about a hundred slices of characters by frequency. */
function chineseFaces(): Face[] {
  const dir = packageDir('@fontsource/noto-sans-sc');
  const ranges = JSON.parse(fs.readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  const slices = Object.keys(ranges)
    .filter((key) => /^\[\d+\]$/.test(key))
    .map((key) => key.slice(1, -1));
  return fontsourceFaces(
    '@fontsource/noto-sans-sc',
    'noto-sans-sc',
    slices,
    (slice) => `[${slice}]`,
  );
}

let faces: Face[] | null = null;

/** Every face, in fallback order; the first is the body face (Latin). */
export function pdfFaces(): Face[] {
  faces ??= [
    ...fontsourceFaces('@fontsource/noto-sans', 'noto-sans', [
      'latin',
      'latin-ext',
      'vietnamese',
      'greek',
      'greek-ext',
      'cyrillic',
      'cyrillic-ext',
      'devanagari',
    ]),
    ...fontsourceFaces('@fontsource/noto-sans-arabic', 'noto-sans-arabic', ['arabic']),
    ...fontsourceFaces('@fontsource/noto-sans-bengali', 'noto-sans-bengali', ['bengali']),
    ...chineseFaces(),
  ];
  return faces;
}

/** Each face's regular font, opened on first need, to ask whether it has a character. */
const opened = new Map<string, fontkit.Font>();

/**
 * Whether the face draws the character: inside its slice's ranges (cheap, and rules out nearly
 * every face) and in the font itself (Fontsource's ranges overlap where the files do not:
 * latin-ext claims U+0131, which only the latin file has).
 */
function covers(face: Face, codePoint: number): boolean {
  if (!face.ranges.some(([from, to]) => codePoint >= from && codePoint <= to)) return false;
  let font = opened.get(face.id);
  if (!font) {
    font = fontkit.create(fontFile(face.files.regular));
    opened.set(face.id, font);
  }
  return font.hasGlyphForCodePoint(codePoint);
}

/** A stretch of text drawn in one face. */
export interface Run {
  face: string;
  text: string;
}

/**
 * Spaces and combining marks stay in the face of the text around them: every face has a space,
 * and a run of Arabic words must stay one run to be laid out right to left as a whole.
 */
const JOINS_CURRENT = /[\s\p{M}\u200C\u200D]/u;

/** `text` cut into runs, each in the first face that covers its characters. */
export function runsOf(text: string): Run[] {
  const all = pdfFaces();
  const runs: Run[] = [];
  let face: Face | null = null;
  let run: Run | null = null;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const stays = face !== null && (JOINS_CURRENT.test(char) || covers(face, codePoint));
    if (!stays) face = all.find((candidate) => covers(candidate, codePoint)) ?? all[0]!;
    if (run && run.face === face!.id) run.text += char;
    else {
      // Spaces between two faces go with the text after them: a right-to-left run is drawn
      // reversed, and a space it ended with would end up before it.
      const trailing: RegExpExecArray | null = run ? /\s+$/u.exec(run.text) : null;
      if (run && trailing && trailing.index > 0) run.text = run.text.slice(0, trailing.index);
      run = { face: face!.id, text: `${trailing && trailing.index > 0 ? trailing[0] : ''}${char}` };
      runs.push(run);
    }
  }
  return runs.flatMap(visualOrder);
}

/**
 * A right-to-left run as pdfkit must draw it: pdfkit lays a run out word by word, left to right,
 * while fontkit reverses the glyphs of each piece it is given. So the words are given one by
 * one, last word first, and each comes out right to left with the spaces between them kept.
 */
function visualOrder(run: Run): Run[] {
  if (!RIGHT_TO_LEFT.test(run.text)) return [run];
  const [, before = '', words = '', after = ''] = /^(\s*)(.*?)(\s*)$/su.exec(run.text) ?? [];
  const parts = words
    .split(/(\s+)/u)
    .filter((part) => part.length > 0)
    .reverse();
  return [before, ...parts, after]
    .filter((text) => text.length > 0)
    .map((text) => ({ face: run.face, text }));
}

const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;

/** Font files read once per thread: a render registers them from memory. */
const buffers = new Map<string, Buffer>();

function fontFile(file: string): Buffer {
  let buffer = buffers.get(file);
  if (!buffer) {
    const bytes = fs.readFileSync(file);
    buffer = file.endsWith('.woff') ? woffToSfnt(bytes) : bytes;
    buffers.set(file, buffer);
  }
  return buffer;
}

/** The pdfkit font name of a face at a weight, registered on `pdf` on first use. */
export function useFace(pdf: PDFKit.PDFDocument, faceId: string, weight: Weight): string {
  const face = pdfFaces().find((candidate) => candidate.id === faceId) ?? pdfFaces()[0]!;
  const name = `${face.id}-${weight}`;
  const registered = (pdf as unknown as { _registeredFonts: Record<string, unknown> })
    ._registeredFonts;
  if (!registered[name]) {
    pdf.registerFont(name, fontFile(face.files[weight]));
  }
  return name;
}

/** Whether text holds characters whose drawn order differs from their reading order. */
export function needsActualText(text: string): boolean {
  return /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Bengali}\p{Script=Devanagari}]/u.test(text);
}

/**
 * A WOFF 1 font as the TrueType/OpenType file it wraps. fontkit reads WOFF itself, but inflates
 * its tables in JavaScript on every document (over half a second for a few scripts); Node's zlib
 * does it once per thread in a millisecond.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  const tables: Array<{ tag: Buffer; checksum: number; data: Buffer }> = [];
  for (let i = 0; i < numTables; i += 1) {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compLength);
    tables.push({
      tag: woff.subarray(entry, entry + 4),
      checksum: woff.readUInt32BE(entry + 16),
      data: compLength < origLength ? zlib.inflateSync(stored) : stored,
    });
  }
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  woff.copy(header, 0, 4, 8); // the flavour: TrueType or CFF
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    table.tag.copy(header, record);
    header.writeUInt32BE(table.checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    const padded = (table.data.length + 3) & ~3;
    parts.push(table.data, Buffer.alloc(padded - table.data.length));
    offset += padded;
  });
  return Buffer.concat(parts);
}
