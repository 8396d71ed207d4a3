import {
  NOTATION_COLOURS,
  type Genogram,
  type GenogramLayout,
  type LegendEntry,
} from '@unitroom/shared';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { GENOGRAM_FONT } from '../canvas/GenogramCanvas';
import { GenogramDrawing, labelOverflow } from '../canvas/GenogramDrawing';
import { exportBaseName } from '../describe';
import { LegendGroup, legendSize } from '../legend/Legend';

const MARGIN = 40;
const LEGEND_GAP = 56;
const TITLE_HEIGHT = 40;
/** PNGs at twice the layout's size stay sharp when printed or shown on a projector. */
const PNG_SCALE = 2;
/** Long enough for the browser to start the download from the object URL. */
const REVOKE_AFTER_MS = 30_000;

interface ExportInput {
  layout: GenogramLayout;
  genogram: Genogram;
  legend: LegendEntry[];
  familyName: string;
  thisYear: number;
  /** "22 November 2026": when the picture was taken, since the genogram keeps changing. */
  dateLabel: string;
}

/**
 * The picture and its key as one standalone SVG: drawn by the same components as the canvas,
 * with presentation attributes only (no stylesheet to lose), but none of the canvas's
 * interactive parts (selection, focus, other people's rings).
 */
function ExportedGenogram({
  layout,
  genogram,
  legend,
  familyName,
  thisYear,
  dateLabel,
}: ExportInput) {
  const empty = layout.people.length === 0 && layout.ecomap.entries.length === 0;
  const drawn = empty ? { minX: 0, minY: 0, maxX: 200, maxY: 100 } : layout.bounds;
  // Whole names may run below the label box the layout made room for.
  const picture = { ...drawn, maxY: drawn.maxY + labelOverflow(genogram) };
  const key = legendSize(legend);
  const pictureWidth = picture.maxX - picture.minX;
  const pictureHeight = picture.maxY - picture.minY;
  const x = picture.minX - MARGIN;
  const y = picture.minY - MARGIN - TITLE_HEIGHT;
  const width = pictureWidth + MARGIN * 2 + (legend.length > 0 ? LEGEND_GAP + key.width : 0);
  const height = Math.max(pictureHeight, key.height) + MARGIN * 2 + TITLE_HEIGHT;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={Math.ceil(width)}
      height={Math.ceil(height)}
      viewBox={`${x} ${y} ${width} ${height}`}
      fontFamily={GENOGRAM_FONT}
      role="img"
      aria-labelledby="genogram-export-title"
    >
      <title id="genogram-export-title">{`Genogram of ${familyName}, ${dateLabel}`}</title>
      <rect x={x} y={y} width={width} height={height} fill="#ffffff" />
      <text
        x={picture.minX}
        y={picture.minY - MARGIN}
        fontSize={18}
        fontWeight={700}
        fill={NOTATION_COLOURS.ink}
      >
        {`${familyName} – genogram, ${dateLabel}`}
      </text>
      <GenogramDrawing layout={layout} genogram={genogram} thisYear={thisYear} wholeNames />
      {legend.length > 0 && (
        <LegendGroup entries={legend} x={picture.maxX + LEGEND_GAP} y={picture.minY} />
      )}
    </svg>
  );
}

/** Renders the export off-screen and serialises it as XML (HTML serialisation is not valid SVG). */
export function genogramSvg(input: ExportInput): { markup: string; width: number; height: number } {
  const container = document.createElement('div');
  const root = createRoot(container);
  flushSync(() => root.render(<ExportedGenogram {...input} />));
  const svg = container.querySelector('svg');
  const markup = svg ? new XMLSerializer().serializeToString(svg) : '';
  const width = Number(svg?.getAttribute('width') ?? 0);
  const height = Number(svg?.getAttribute('height') ?? 0);
  root.unmount();
  return { markup: `<?xml version="1.0" encoding="UTF-8"?>\n${markup}`, width, height };
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

export function downloadSvg(input: ExportInput): string {
  const { markup } = genogramSvg(input);
  const fileName = `${exportBaseName(input.familyName)}.svg`;
  download(new Blob([markup], { type: 'image/svg+xml' }), fileName);
  return fileName;
}

/**
 * The same SVG drawn onto a canvas: what the browser renders is what the file shows. The image is
 * loaded from a blob: URL, the one image source besides our own origin that the app's
 * Content-Security-Policy allows.
 */
export async function downloadPng(input: ExportInput): Promise<string> {
  const { markup, width, height } = genogramSvg(input);
  const image = new Image();
  const source = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  image.src = source;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * PNG_SCALE);
  canvas.height = Math.ceil(height * PNG_SCALE);
  try {
    await image.decode();
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw images');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
  } finally {
    URL.revokeObjectURL(source);
  }
  const png = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be made'))),
      'image/png',
    ),
  );
  const fileName = `${exportBaseName(input.familyName)}.png`;
  download(png, fileName);
  return fileName;
}

export type { ExportInput };
