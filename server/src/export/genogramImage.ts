import {
  CHILD_LINK_NOTATION,
  ECOMAP_KIND_LABELS,
  HOUSEHOLD_NOTATION,
  NOTATION_COLOURS,
  RELATIONSHIP_NOTATION,
  STROKE_DASHES,
  TIE_NOTATION,
  UNION_KIND_NOTATION,
  layoutGenogram,
  symbolsInUse,
  type Genogram,
  type LegendEntry,
  type LineStyle,
  type PersonGlyph,
  type Point,
  type Rect,
  safeLine,
} from '@unitroom/shared';

/**
 * The genogram for documents, drawn from `layoutGenogram` and the notation table (the same
 * positions and line styles every laptop shows) as a list of marks. The PDF gets them as vector
 * paths (pdfkit reads SVG path data): sharp at any zoom, small, and nothing to decode. Word needs a
 * raster image (an SVG in a DOCX must carry a PNG fallback anyway), so the DOCX gets the same
 * marks as SVG rendered to PNG by resvg, a maintained Rust renderer that needs no browser.
 *
 * This is the print rendering: symbols, names (whole, wrapped, never cut) and ages, unions with
 * their status and dates, children, twins, emotional relationships (colour, pattern and parallel
 * strokes; zigzags drawn as zigzags), households with their names, the ecomap, and a key of the
 * symbols in use beside the picture, since a printed record is read without the app.
 * Interactive parts of the canvas have no place here.
 */

const INK = NOTATION_COLOURS.ink;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const MARGIN = 40;
/**
 * Twice the layout's size keeps a small family sharp when printed; wider pictures are capped
 * (1200 px is about 190 dpi across an A4 text column), since pixels beyond that cost render time
 * and file size and print no better.
 */
const PNG_SCALE = 2;
const MAX_PNG_WIDTH_PX = 1200;
const ZIGZAG_STEP = 8;
/** The key sits this far right of the picture; each entry is a sample and its label. */
const KEY_GAP = 48;
const KEY_ROW = 22;
const KEY_SAMPLE_WIDTH = 40;
const KEY_WIDTH = 220;
/** A person's name wraps at about the width the layout keeps under a symbol (84 units). */
const NAME_CHARS = 14;
const NAME_SIZE = 11;
const NAME_LINE = 13;
const ZIGZAG_AMPLITUDE = 4;

/**
 * The picture as a list of marks in layout units: drawn once, written as SVG (for resvg's PNG in
 * the DOCX) and as vector paths straight onto the PDF page, so the two never disagree.
 */
export type Mark =
  | {
      kind: 'path';
      /** SVG path data (M, L, A, Z): pdfkit reads the same syntax. */
      d: string;
      stroke: string | null;
      width: number;
      dash: readonly number[];
      fill: string | null;
    }
  | {
      kind: 'text';
      x: number;
      /** Baseline. */
      y: number;
      size: number;
      bold: boolean;
      anchor: 'start' | 'middle';
      text: string;
    };

export interface GenogramDrawing {
  marks: Mark[];
  /** The area the marks cover, margins included, in layout units (CSS pixels). */
  box: { x: number; y: number; width: number; height: number };
}

export interface GenogramImage {
  drawing: GenogramDrawing;
  /** For Word: rendered from `drawingToSvg` by resvg. */
  png: Buffer;
  width: number;
  height: number;
}

/** Renders on libuv's thread pool: a large family takes a few hundred ms, off the event loop. */
export async function renderGenogramImage(
  genogram: Genogram,
  options: { title: string; year: number },
): Promise<GenogramImage | null> {
  const drawing = drawGenogram(genogram, options);
  if (!drawing) return null;
  // resvg (a native module) loads on the first DOCX genogram, in the export worker that draws it,
  // not in every process that imports the server.
  const { renderAsync } = await import('@resvg/resvg-js');
  const rendered = await renderAsync(drawingToSvg(drawing), {
    fitTo: { mode: 'width', value: Math.min(drawing.box.width * PNG_SCALE, MAX_PNG_WIDTH_PX) },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return { drawing, png: rendered.asPng(), width: drawing.box.width, height: drawing.box.height };
}

export function drawingToSvg(drawing: GenogramDrawing): string {
  const { x, y, width, height } = drawing.box;
  const body = drawing.marks
    .map((mark) =>
      mark.kind === 'path'
        ? `<path d="${mark.d}" fill="${mark.fill ?? 'none'}"` +
          (mark.stroke ? ` stroke="${mark.stroke}" stroke-width="${mark.width}"` : '') +
          (mark.dash.length > 0 ? ` stroke-dasharray="${mark.dash.join(' ')}"` : '') +
          '/>'
        : `<text x="${n(mark.x)}" y="${n(mark.y)}" font-size="${mark.size}"` +
          (mark.bold ? ' font-weight="700"' : '') +
          (mark.anchor === 'middle' ? ' text-anchor="middle"' : '') +
          ` fill="${INK}">${esc(mark.text)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="${n(x)} ${n(y)} ${width} ${height}" font-family="${FONT}">` +
    `<rect x="${n(x)}" y="${n(y)}" width="${width}" height="${height}" fill="#ffffff"/>` +
    body +
    `</svg>`
  );
}

export function drawGenogram(
  genogram: Genogram,
  options: { title: string; year: number },
): GenogramDrawing | null {
  if (genogram.people.length === 0) return null;
  const layout = layoutGenogram(genogram);
  const peopleById = new Map(genogram.people.map((person) => [person.id, person]));
  const householdsById = new Map(genogram.households.map((household) => [household.id, household]));
  const legend = symbolsInUse(genogram);
  const bounds = layout.bounds;
  const x = bounds.minX - MARGIN;
  const y = bounds.minY - MARGIN - 30;
  // Wide enough for the title too (about 0.6 em a character at 16 px), and for the key.
  const titleWidth = options.title.length * 16 * 0.6 + MARGIN * 2;
  const keyWidth = legend.length > 0 ? KEY_GAP + KEY_WIDTH : 0;
  const keyHeight = legend.length > 0 ? (legend.length + 1) * KEY_ROW : 0;
  const width = Math.ceil(Math.max(bounds.maxX - bounds.minX + MARGIN * 2 + keyWidth, titleWidth));
  // Names longer than the layout's three lines run below it: room is kept for them.
  const height = Math.ceil(
    Math.max(bounds.maxY - bounds.minY, keyHeight) + MARGIN * 2 + 30 + NAME_LINE * 2,
  );
  const marks: Mark[] = [];
  const stroke = (d: string, colour: string, strokeWidth: number, dash: readonly number[] = []) =>
    marks.push({ kind: 'path', d, stroke: colour, width: strokeWidth, dash, fill: null });

  marks.push({
    kind: 'text',
    x: bounds.minX,
    y: bounds.minY - MARGIN,
    size: 16,
    bold: true,
    anchor: 'start',
    text: safeLine(options.title),
  });
  for (const household of layout.households) {
    const style = HOUSEHOLD_NOTATION.boundary;
    // The outline and its inner boundaries around people inside it who live elsewhere ([L11]).
    for (const loop of [household.outline, ...household.holes])
      stroke(polygon(loop), style.colour, style.width, STROKE_DASHES[style.pattern]);
    const name = safeLine(householdsById.get(household.id)?.label.trim() ?? '');
    if (name && household.labelBox)
      marks.push({
        kind: 'text',
        x: household.labelAt.x,
        y: household.labelAt.y,
        size: 11,
        bold: false,
        anchor: 'start',
        text: name,
      });
  }
  if (layout.ecomap.ellipse) {
    for (const entry of layout.ecomap.entries) {
      const source = genogram.ecomap.find((candidate) => candidate.id === entry.id);
      const style = TIE_NOTATION[entry.tie].line;
      for (const tie of entry.ties) marks.push(...styledLine(tie.path, style));
      marks.push({
        kind: 'path',
        d: circle(entry.centre, entry.radius),
        stroke: INK,
        width: 1.5,
        dash: [],
        fill: '#ffffff',
      });
      const label = source ? source.label || ECOMAP_KIND_LABELS[source.kind] : '';
      // The label whole, on as many short lines as it takes, centred in its circle.
      const lines = wrapWhole(safeLine(label), 10);
      lines.forEach((line, i) =>
        marks.push({
          kind: 'text',
          x: entry.centre.x,
          y: entry.centre.y + 3 + (i - (lines.length - 1) / 2) * 10,
          size: 9,
          bold: false,
          anchor: 'middle',
          text: line,
        }),
      );
    }
  }
  for (const union of layout.unions) {
    marks.push(...styledLine(union.path, UNION_KIND_NOTATION[union.kind].line));
    if (union.statusMarks) {
      const { at, slashes } = union.statusMarks;
      for (let i = 0; i < slashes; i += 1) {
        const dx = (i - (slashes - 1) / 2) * 6;
        stroke(`M${n(at.x + dx - 4)} ${n(at.y + 8)} L${n(at.x + dx + 4)} ${n(at.y - 8)}`, INK, 1.5);
      }
    }
    if (union.dates) {
      marks.push({
        kind: 'text',
        x: union.dateLabel.x,
        y: union.dateLabel.y,
        size: 11,
        bold: false,
        anchor: 'middle',
        text: safeLine(union.dates),
      });
    }
  }
  for (const group of layout.siblingGroups) {
    stroke(`${polyline(group.stem)} ${polyline(group.bar)}`, INK, 1.5);
  }
  for (const link of layout.childLinks) {
    marks.push(...styledLine(link.path, CHILD_LINK_NOTATION[link.kind].line));
  }
  for (const twin of layout.twins) {
    if (twin.identicalBar)
      marks.push(...styledLine(twin.identicalBar, CHILD_LINK_NOTATION.birth.line));
  }
  for (const relationship of layout.relationships) {
    const points = relationship.control
      ? quadratic(relationship.from, relationship.control, relationship.to)
      : relationship.path;
    marks.push(...styledLine(points, RELATIONSHIP_NOTATION[relationship.kind].line));
  }
  for (const placed of layout.people) {
    const person = peopleById.get(placed.id);
    if (!person) continue;
    marks.push(...symbol(placed.glyph, placed.box));
    const age =
      person.age ??
      (person.birthDate && !person.deceased
        ? options.year - Number(person.birthDate.slice(0, 4))
        : null);
    if (age !== null && placed.glyph.size === 'full' && !placed.glyph.filled) {
      marks.push(centredText({ x: placed.centre.x, y: placed.centre.y + 5 }, String(age), 13));
    }
    const years = [person.birthDate?.slice(0, 4), person.deathDate?.slice(0, 4)]
      .filter(Boolean)
      .join('–');
    // The whole name, wrapped at spaces: a record never shows "Oluwaseun Adeyemi-Ba…".
    const nameLines = wrapWhole(safeLine(person.name), NAME_CHARS);
    nameLines.forEach((line, i) =>
      marks.push({
        kind: 'text',
        x: placed.label.x,
        y: placed.label.y + NAME_SIZE + i * NAME_LINE,
        size: NAME_SIZE,
        bold: false,
        anchor: 'middle',
        text: line,
      }),
    );
    if (years)
      marks.push(
        centredText(
          { x: placed.label.x, y: placed.label.y + NAME_SIZE + nameLines.length * NAME_LINE + 1 },
          years,
          10,
        ),
      );
  }
  if (legend.length > 0) marks.push(...keyMarks(legend, bounds.maxX + KEY_GAP, bounds.minY));
  return { marks, box: { x, y, width, height } };
}

/** Words on lines of about `maxChars`; a word longer than that keeps a line of its own, whole. */
export function wrapWhole(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= maxChars || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** "Key", then each symbol in use with its sample drawn as on the picture. */
function keyMarks(legend: readonly LegendEntry[], left: number, top: number): Mark[] {
  const marks: Mark[] = [
    { kind: 'text', x: left, y: top + 12, size: 13, bold: true, anchor: 'start', text: 'Key' },
  ];
  legend.forEach((entry, i) => {
    const mid = top + KEY_ROW * (i + 1) + 11;
    const sampleMid = left + KEY_SAMPLE_WIDTH / 2;
    const { sample } = entry;
    switch (sample.type) {
      case 'glyph': {
        const half = sample.glyph.size === 'full' ? 8 : 5;
        marks.push(
          ...symbol(sample.glyph, {
            minX: sampleMid - half,
            minY: mid - half,
            maxX: sampleMid + half,
            maxY: mid + half,
          }),
        );
        break;
      }
      case 'line': {
        const from = { x: left, y: mid };
        const to = { x: left + KEY_SAMPLE_WIDTH, y: mid };
        marks.push(...styledLine([from, to], sample.line));
        const slashes =
          sample.line.marks === 'one_slash' ? 1 : sample.line.marks === 'two_slashes' ? 2 : 0;
        for (let s = 0; s < slashes; s += 1) {
          const dx = (s - (slashes - 1) / 2) * 6;
          marks.push({
            kind: 'path',
            d: `M${n(sampleMid + dx - 4)} ${n(mid + 7)} L${n(sampleMid + dx + 4)} ${n(mid - 7)}`,
            stroke: INK,
            width: 1.5,
            dash: [],
            fill: null,
          });
        }
        if (sample.tag)
          marks.push({
            kind: 'text',
            x: sampleMid,
            y: mid - 4,
            size: 9,
            bold: false,
            anchor: 'middle',
            text: sample.tag,
          });
        break;
      }
      case 'twins':
        marks.push({
          kind: 'path',
          d:
            `M${n(sampleMid)} ${n(mid - 8)} L${n(sampleMid - 10)} ${n(mid + 8)} ` +
            `M${n(sampleMid)} ${n(mid - 8)} L${n(sampleMid + 10)} ${n(mid + 8)}` +
            (sample.identicalBar
              ? ` M${n(sampleMid - 5)} ${n(mid)} L${n(sampleMid + 5)} ${n(mid)}`
              : ''),
          stroke: INK,
          width: 1.5,
          dash: [],
          fill: null,
        });
        break;
      case 'boundary':
        marks.push({
          kind: 'path',
          d: polygon([
            { x: left, y: mid - 8 },
            { x: left + KEY_SAMPLE_WIDTH, y: mid - 8 },
            { x: left + KEY_SAMPLE_WIDTH, y: mid + 8 },
            { x: left, y: mid + 8 },
          ]),
          stroke: sample.boundary.colour,
          width: sample.boundary.width,
          dash: STROKE_DASHES[sample.boundary.pattern],
          fill: null,
        });
        break;
      case 'badge':
        marks.push(
          {
            kind: 'path',
            d: circle({ x: sampleMid, y: mid }, 8),
            stroke: sample.badge.colour,
            width: 1.5,
            dash: [],
            fill: '#ffffff',
          },
          {
            kind: 'text',
            x: sampleMid,
            y: mid + 3,
            size: 8,
            bold: true,
            anchor: 'middle',
            text: sample.badge.text,
          },
        );
        break;
    }
    marks.push({
      kind: 'text',
      x: left + KEY_SAMPLE_WIDTH + 10,
      y: mid + 4,
      size: 11,
      bold: false,
      anchor: 'start',
      text: entry.label,
    });
  });
  return marks;
}

function symbol(glyph: PersonGlyph, box: Rect): Mark[] {
  const fill = glyph.filled ? INK : '#ffffff';
  const marks = [shape(glyph, box, 0, fill)];
  if (glyph.doubleOutline && glyph.shape !== 'cross') marks.push(shape(glyph, box, 4, null));
  if (glyph.crossed) {
    const o = 4;
    marks.push({
      kind: 'path',
      d: `M${n(box.minX - o)} ${n(box.minY - o)} L${n(box.maxX + o)} ${n(box.maxY + o)} M${n(box.maxX + o)} ${n(box.minY - o)} L${n(box.minX - o)} ${n(box.maxY + o)}`,
      stroke: INK,
      width: 2,
      dash: [],
      fill: null,
    });
  }
  return marks;
}

function shape(glyph: PersonGlyph, box: Rect, inset: number, fill: string | null): Mark {
  const minX = box.minX + inset;
  const minY = box.minY + inset;
  const maxX = box.maxX - inset;
  const maxY = box.maxY - inset;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const outline = (d: string): Mark => ({ kind: 'path', d, stroke: INK, width: 2, dash: [], fill });
  switch (glyph.shape) {
    case 'square':
      return outline(
        `M${n(minX)} ${n(minY)} L${n(maxX)} ${n(minY)} L${n(maxX)} ${n(maxY)} L${n(minX)} ${n(maxY)} Z`,
      );
    case 'circle':
    case 'dot':
      return outline(circle({ x: cx, y: cy }, (maxX - minX) / 2));
    case 'diamond':
      return outline(
        `M${n(cx)} ${n(minY)} L${n(maxX)} ${n(cy)} L${n(cx)} ${n(maxY)} L${n(minX)} ${n(cy)} Z`,
      );
    case 'triangle':
      return outline(`M${n(cx)} ${n(minY)} L${n(maxX)} ${n(maxY)} L${n(minX)} ${n(maxY)} Z`);
    case 'cross':
      return {
        kind: 'path',
        d: `M${n(minX)} ${n(minY)} L${n(maxX)} ${n(maxY)} M${n(maxX)} ${n(minY)} L${n(minX)} ${n(maxY)}`,
        stroke: INK,
        width: 2.5,
        dash: [],
        fill: null,
      };
  }
}

const circle = (centre: Point, r: number): string =>
  `M${n(centre.x - r)} ${n(centre.y)} A${n(r)} ${n(r)} 0 1 0 ${n(centre.x + r)} ${n(centre.y)} ` +
  `A${n(r)} ${n(r)} 0 1 0 ${n(centre.x - r)} ${n(centre.y)} Z`;

/** A notation line: its pattern, width and colour, parallel strokes side by side, zigzag or not. */
function styledLine(points: readonly Point[], style: LineStyle): Mark[] {
  const base = style.zigzag ? zigzag(points) : [...points];
  const strokes: Mark[] = [];
  for (let i = 0; i < style.parallel; i += 1) {
    const offset = (i - (style.parallel - 1) / 2) * 4;
    strokes.push({
      kind: 'path',
      d: polyline(offsetLine(base, offset)),
      stroke: style.colour,
      width: style.width,
      dash: STROKE_DASHES[style.pattern],
      fill: null,
    });
  }
  return strokes;
}

function zigzag(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    const steps = Math.max(1, Math.floor(length / ZIGZAG_STEP));
    const ux = (b.x - a.x) / length || 0;
    const uy = (b.y - a.y) / length || 0;
    for (let s = 0; s <= steps; s += 1) {
      const t = (s / steps) * length;
      const side = s === 0 || s === steps ? 0 : s % 2 === 0 ? 1 : -1;
      out.push({
        x: a.x + ux * t + uy * side * ZIGZAG_AMPLITUDE,
        y: a.y + uy * t - ux * side * ZIGZAG_AMPLITUDE,
      });
    }
  }
  return out;
}

function offsetLine(points: readonly Point[], offset: number): Point[] {
  if (offset === 0 || points.length < 2) return [...points];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const length = Math.hypot(last.x - first.x, last.y - first.y) || 1;
  const nx = (last.y - first.y) / length;
  const ny = -(last.x - first.x) / length;
  return points.map((p) => ({ x: p.x + nx * offset, y: p.y + ny * offset }));
}

function quadratic(from: Point, control: Point, to: Point): Point[] {
  const points: Point[] = [];
  for (let i = 0; i <= 24; i += 1) {
    const t = i / 24;
    const u = 1 - t;
    points.push({
      x: u * u * from.x + 2 * u * t * control.x + t * t * to.x,
      y: u * u * from.y + 2 * u * t * control.y + t * t * to.y,
    });
  }
  return points;
}

function centredText(at: Point, text: string, size: number, maxWidth = 120): Mark {
  // Roughly 0.55 em per character; long names are cut rather than run into a neighbour.
  const maxChars = Math.max(4, Math.floor(maxWidth / (size * 0.55)));
  // Names are drawn as written, less what no file may hold (and the SVG for Word is XML).
  text = safeLine(text);
  const shown = text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
  return { kind: 'text', x: at.x, y: at.y, size, bold: false, anchor: 'middle', text: shown };
}

const polyline = (points: readonly Point[]): string =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y)}`).join(' ');

const polygon = (points: readonly Point[]): string => `${polyline(points)} Z`;

const n = (value: number): string => String(Math.round(value * 100) / 100);

function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
