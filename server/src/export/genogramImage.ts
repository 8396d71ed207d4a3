import { renderAsync } from '@resvg/resvg-js';
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
  type Genogram,
  type LineStyle,
  type PersonGlyph,
  type Point,
  type Rect,
} from '@unitroom/shared';

/**
 * The genogram for documents: an SVG drawn from `layoutGenogram` and the notation table (the same
 * positions and line styles every laptop shows), rasterised to PNG with resvg. Why PNG: Word needs
 * a raster image (an SVG in DOCX must carry a PNG fallback anyway) and pdfkit embeds PNG natively,
 * so one picture serves both; resvg is a maintained Rust renderer that needs no browser.
 *
 * This is the print rendering: symbols, names and ages, unions with their status, children, twins,
 * emotional relationships (colour, pattern and parallel strokes; zigzags drawn as zigzags),
 * households and the ecomap. Interactive parts of the canvas have no place here.
 */

const INK = NOTATION_COLOURS.ink;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const MARGIN = 40;
/**
 * Twice the layout's size keeps a small family sharp when printed; wider pictures are capped
 * (1400 px is about 220 dpi across an A4 text column), since pixels beyond that cost render time
 * and file size and print no better.
 */
const PNG_SCALE = 2;
const MAX_PNG_WIDTH_PX = 1400;
const ZIGZAG_STEP = 8;
const ZIGZAG_AMPLITUDE = 4;

export interface GenogramImage {
  svg: string;
  png: Buffer;
  /** Size in layout units (CSS pixels); the PNG has the same proportions, more pixels. */
  width: number;
  height: number;
}

/** Renders on libuv's thread pool: a large family takes a few hundred ms, off the event loop. */
export async function renderGenogramImage(
  genogram: Genogram,
  options: { title: string; year: number },
): Promise<GenogramImage | null> {
  if (genogram.people.length === 0) return null;
  const svg = genogramSvg(genogram, options);
  const rendered = await renderAsync(svg.markup, {
    fitTo: { mode: 'width', value: Math.min(svg.width * PNG_SCALE, MAX_PNG_WIDTH_PX) },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return { svg: svg.markup, png: rendered.asPng(), width: svg.width, height: svg.height };
}

export function genogramSvg(
  genogram: Genogram,
  options: { title: string; year: number },
): { markup: string; width: number; height: number } {
  const layout = layoutGenogram(genogram);
  const peopleById = new Map(genogram.people.map((person) => [person.id, person]));
  const bounds = layout.bounds;
  const x = bounds.minX - MARGIN;
  const y = bounds.minY - MARGIN - 30;
  // Wide enough for the title too (about 0.6 em a character at 16 px).
  const titleWidth = options.title.length * 16 * 0.6 + MARGIN * 2;
  const width = Math.ceil(Math.max(bounds.maxX - bounds.minX + MARGIN * 2, titleWidth));
  const height = Math.ceil(bounds.maxY - bounds.minY + MARGIN * 2 + 30);
  const parts: string[] = [];

  parts.push(
    `<text x="${n(bounds.minX)}" y="${n(bounds.minY - MARGIN)}" font-size="16" font-weight="700" fill="${INK}">${esc(options.title)}</text>`,
  );
  for (const household of layout.households) {
    const style = HOUSEHOLD_NOTATION.boundary;
    parts.push(
      `<path d="${polygon(household.outline)}" fill="none" stroke="${style.colour}" stroke-width="${style.width}"${dash(style.pattern)}/>`,
    );
  }
  if (layout.ecomap.ellipse) {
    for (const entry of layout.ecomap.entries) {
      const source = genogram.ecomap.find((candidate) => candidate.id === entry.id);
      const style = TIE_NOTATION[entry.tie].line;
      for (const tie of entry.ties) parts.push(styledLine([tie.from, tie.to], style));
      parts.push(
        `<circle cx="${n(entry.centre.x)}" cy="${n(entry.centre.y)}" r="${n(entry.radius)}" fill="#ffffff" stroke="${INK}" stroke-width="1.5"/>`,
      );
      const label = source ? source.label || ECOMAP_KIND_LABELS[source.kind] : '';
      parts.push(centredText(entry.centre, label, 10, 2 * entry.radius - 6));
    }
  }
  for (const union of layout.unions) {
    parts.push(styledLine(union.path, UNION_KIND_NOTATION[union.kind].line));
    if (union.statusMarks) {
      const { at, slashes } = union.statusMarks;
      for (let i = 0; i < slashes; i += 1) {
        const dx = (i - (slashes - 1) / 2) * 6;
        parts.push(
          `<path d="M${n(at.x + dx - 4)} ${n(at.y + 8)} L${n(at.x + dx + 4)} ${n(at.y - 8)}" stroke="${INK}" stroke-width="1.5"/>`,
        );
      }
    }
  }
  for (const group of layout.siblingGroups) {
    parts.push(
      `<path d="${polyline(group.stem)} ${polyline(group.bar)}" fill="none" stroke="${INK}" stroke-width="1.5"/>`,
    );
  }
  for (const link of layout.childLinks) {
    parts.push(styledLine(link.path, CHILD_LINK_NOTATION[link.kind].line));
  }
  for (const twin of layout.twins) {
    if (twin.identicalBar)
      parts.push(styledLine(twin.identicalBar, CHILD_LINK_NOTATION.birth.line));
  }
  for (const relationship of layout.relationships) {
    const points = relationship.control
      ? quadratic(relationship.from, relationship.control, relationship.to)
      : [relationship.from, relationship.to];
    parts.push(styledLine(points, RELATIONSHIP_NOTATION[relationship.kind].line));
  }
  for (const placed of layout.people) {
    const person = peopleById.get(placed.id);
    if (!person) continue;
    parts.push(symbol(placed.glyph, placed.box));
    const age =
      person.age ??
      (person.birthDate && !person.deceased
        ? options.year - Number(person.birthDate.slice(0, 4))
        : null);
    if (age !== null && placed.glyph.size === 'full' && !placed.glyph.filled) {
      parts.push(centredText({ x: placed.centre.x, y: placed.centre.y + 5 }, String(age), 13));
    }
    const years = [person.birthDate?.slice(0, 4), person.deathDate?.slice(0, 4)]
      .filter(Boolean)
      .join('–');
    parts.push(centredText({ x: placed.label.x, y: placed.label.y + 11 }, person.name, 11));
    if (years) parts.push(centredText({ x: placed.label.x, y: placed.label.y + 25 }, years, 10));
  }

  const markup =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="${n(x)} ${n(y)} ${width} ${height}" font-family="${FONT}">` +
    `<rect x="${n(x)}" y="${n(y)}" width="${width}" height="${height}" fill="#ffffff"/>` +
    parts.join('') +
    `</svg>`;
  return { markup, width, height };
}

function symbol(glyph: PersonGlyph, box: Rect): string {
  const fill = glyph.filled ? INK : '#ffffff';
  const outlines = [shape(glyph, box, 0, fill)];
  if (glyph.doubleOutline && glyph.shape !== 'cross') outlines.push(shape(glyph, box, 4, 'none'));
  if (glyph.crossed) {
    const o = 4;
    outlines.push(
      `<path d="M${n(box.minX - o)} ${n(box.minY - o)} L${n(box.maxX + o)} ${n(box.maxY + o)} M${n(box.maxX + o)} ${n(box.minY - o)} L${n(box.minX - o)} ${n(box.maxY + o)}" stroke="${INK}" stroke-width="2" fill="none"/>`,
    );
  }
  return outlines.join('');
}

function shape(glyph: PersonGlyph, box: Rect, inset: number, fill: string): string {
  const minX = box.minX + inset;
  const minY = box.minY + inset;
  const maxX = box.maxX - inset;
  const maxY = box.maxY - inset;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const common = `fill="${fill}" stroke="${INK}" stroke-width="2"`;
  switch (glyph.shape) {
    case 'square':
      return `<rect x="${n(minX)}" y="${n(minY)}" width="${n(maxX - minX)}" height="${n(maxY - minY)}" ${common}/>`;
    case 'circle':
    case 'dot':
      return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n((maxX - minX) / 2)}" ${common}/>`;
    case 'diamond':
      return `<polygon points="${n(cx)},${n(minY)} ${n(maxX)},${n(cy)} ${n(cx)},${n(maxY)} ${n(minX)},${n(cy)}" ${common}/>`;
    case 'triangle':
      return `<polygon points="${n(cx)},${n(minY)} ${n(maxX)},${n(maxY)} ${n(minX)},${n(maxY)}" ${common}/>`;
    case 'cross':
      return `<path d="M${n(minX)} ${n(minY)} L${n(maxX)} ${n(maxY)} M${n(maxX)} ${n(minY)} L${n(minX)} ${n(maxY)}" stroke="${INK}" stroke-width="2.5" fill="none"/>`;
  }
}

/** A notation line: its pattern, width and colour, parallel strokes side by side, zigzag or not. */
function styledLine(points: readonly Point[], style: LineStyle): string {
  const base = style.zigzag ? zigzag(points) : [...points];
  const strokes: string[] = [];
  for (let i = 0; i < style.parallel; i += 1) {
    const offset = (i - (style.parallel - 1) / 2) * 4;
    strokes.push(
      `<path d="${polyline(offsetLine(base, offset))}" fill="none" stroke="${style.colour}" stroke-width="${style.width}"${dash(style.pattern)}/>`,
    );
  }
  return strokes.join('');
}

function dash(pattern: keyof typeof STROKE_DASHES): string {
  const dashes = STROKE_DASHES[pattern];
  return dashes.length > 0 ? ` stroke-dasharray="${dashes.join(' ')}"` : '';
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

function centredText(at: Point, text: string, size: number, maxWidth = 120): string {
  // Roughly 0.55 em per character; long names are cut rather than run into a neighbour.
  const maxChars = Math.max(4, Math.floor(maxWidth / (size * 0.55)));
  const shown = text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
  return `<text x="${n(at.x)}" y="${n(at.y)}" font-size="${size}" text-anchor="middle" fill="${INK}">${esc(shown)}</text>`;
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
