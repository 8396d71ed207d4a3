import PDFDocument from 'pdfkit';
import { PROTECTIVE_MARKING, type ExportBlock, type ExportDocument } from './exportDocument.js';
import type { GenogramDrawing } from './genogramImage.js';
import { needsActualText, runsOf, useFace, type Weight } from './pdfFonts.js';

const MARGIN_PT = 56;
const INK_HEX = '#0b0c0c';
const GREY_HEX = '#505a5f';
const HEADING_SIZES = { 1: 16, 2: 13, 3: 11.5 } as const;
const HEADING_TAGS = { 1: 'H2', 2: 'H3', 3: 'H4' } as const;
const BODY_SIZE = 10.5;
const LIST_INDENT_PT = 14;

type Pdf = PDFKit.PDFDocument;
interface TextOptions {
  x?: number;
  width?: number;
  paragraphGap?: number;
}

/**
 * A4 PDF, tagged for accessibility (PDF/UA's structure: headings, paragraphs, lists, a figure
 * with its alternative text; the document's language and title; page furniture marked as
 * artifacts), with the protective marking at the top and bottom of every page. Text is drawn in
 * the Noto faces that cover it (pdfFonts.ts), so every name comes out as written and stays
 * extractable and searchable. The genogram goes in as vector paths, scaled to the text width.
 */
export function renderPdf(document: ExportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN_PT,
    info: {
      Title: document.title,
      Creator: 'Unitroom',
      Subject: `${PROTECTIVE_MARKING}: ${document.subtitle.join('; ')}`,
      Keywords: PROTECTIVE_MARKING,
    },
    pdfVersion: '1.7',
    displayTitle: true,
    lang: 'en-GB',
    tagged: true,
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const textWidth = pdf.page.width - MARGIN_PT * 2;
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  /** A structure element of `tag` holding what `draw` puts on the page. */
  const tagged = (tag: string, text: string, draw: () => void) => {
    root.add(pdf.struct(tag, needsActualText(text) ? { actual: text } : {}, draw));
  };

  pdf.fillColor(INK_HEX);
  tagged('H1', document.title, () => write(pdf, document.title, 'bold', 18));
  pdf.moveDown(0.3);
  for (const line of document.subtitle) tagged('P', line, () => write(pdf, line, 'regular', 10));
  pdf.moveDown();

  const textHeight = pdf.page.height - MARGIN_PT * 2 - 40;
  /** Pictures at 0.75 pt a pixel, shrunk to fit the text column and one page. */
  const imageWidth = ({ width, height }: GenogramDrawing['box']): number =>
    Math.min(textWidth, width * 0.75, (textHeight * width) / height);
  const imageHeight = (block: ExportBlock | undefined): number => {
    if (block?.kind !== 'genogram') return 0;
    const box = block.image.drawing.box;
    return (box.height / box.width) * imageWidth(box);
  };

  for (const [index, block] of document.blocks.entries()) {
    switch (block.kind) {
      case 'heading':
        // A heading stays with the picture it introduces.
        if (pdf.y + 40 + imageHeight(document.blocks[index + 1]) > pdf.page.height - MARGIN_PT) {
          pdf.addPage();
        }
        pdf.moveDown(block.level === 1 ? 0.8 : 0.5);
        tagged(HEADING_TAGS[block.level], block.text, () =>
          write(pdf, block.text, 'bold', HEADING_SIZES[block.level]),
        );
        pdf.moveDown(0.2);
        break;
      case 'paragraph':
        tagged('P', block.text, () =>
          write(pdf, block.text, 'regular', BODY_SIZE, { paragraphGap: 4 }),
        );
        break;
      case 'field':
        tagged('P', `${block.label}: ${block.value}`, () => {
          write(pdf, `${block.label}: `, 'bold', BODY_SIZE, {}, true);
          write(pdf, block.value, 'regular', BODY_SIZE);
        });
        break;
      case 'list': {
        const list = pdf.struct('L');
        root.add(list);
        for (const item of block.items) {
          const top = pdf.y;
          list.add(
            pdf.struct('LI', {}, [
              pdf.struct('Lbl', {}, () => {
                pdf.circle(MARGIN_PT + 4, top + BODY_SIZE * 0.6, 2).fill(INK_HEX);
              }),
              pdf.struct('LBody', needsActualText(item) ? { actual: item } : {}, () =>
                write(pdf, item, 'regular', BODY_SIZE, {
                  x: MARGIN_PT + LIST_INDENT_PT,
                  width: textWidth - LIST_INDENT_PT,
                  paragraphGap: 2,
                }),
              ),
            ]),
          );
        }
        list.end();
        pdf.x = MARGIN_PT;
        pdf.moveDown(0.3);
        break;
      }
      case 'genogram': {
        const height = imageHeight(block);
        if (pdf.y + height > pdf.page.height - MARGIN_PT) pdf.addPage();
        const top = pdf.y;
        const width = imageWidth(block.image.drawing.box);
        root.add(
          pdf.struct(
            'Figure',
            // bbox is read at run time; the type declaration does not list it.
            { alt: block.alt, bbox: [MARGIN_PT, top, MARGIN_PT + width, top + height] } as {
              alt: string;
            },
            () => drawVector(pdf, block.image.drawing, MARGIN_PT, top, width),
          ),
        );
        pdf.x = MARGIN_PT;
        pdf.y = top + height + 8;
        break;
      }
    }
  }
  pdf.moveDown();
  pdf.fillColor(GREY_HEX);
  for (const line of document.footer) tagged('P', line, () => write(pdf, line, 'regular', 8));
  pdf.fillColor(INK_HEX);
  root.end();
  markEveryPage(pdf);
  pdf.end();
  return done;
}

/**
 * `text` in the faces that cover it, one pdfkit text call per run, wrapped as one paragraph.
 * `continued`: the next write goes on from where this one ends (a field's label and value).
 */
function write(
  pdf: Pdf,
  text: string,
  weight: Weight,
  size: number,
  options: TextOptions = {},
  continued = false,
): void {
  const runs = runsOf(text.length > 0 ? text : ' ');
  const { x, ...rest } = options;
  runs.forEach((run, index) => {
    pdf.font(useFace(pdf, run.face, weight)).fontSize(size);
    const more = index < runs.length - 1 || continued;
    if (index === 0 && x !== undefined) pdf.text(run.text, x, pdf.y, { ...rest, continued: more });
    else pdf.text(run.text, { ...rest, continued: more });
  });
}

/** The protective marking, centred at the top and bottom of every page, as page furniture. */
function markEveryPage(pdf: Pdf): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    pdf.switchToPage(index);
    const { width, height, margins } = pdf.page;
    const bottomMargin = margins.bottom;
    // Written in the margins: pdfkit would otherwise start a new page for the bottom line.
    margins.bottom = 0;
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf
      .font(useFace(pdf, runsOf('O')[0]!.face, 'bold'))
      .fontSize(9)
      .fillColor(INK_HEX);
    for (const y of [MARGIN_PT / 2 - 6, height - MARGIN_PT / 2]) {
      pdf.text(PROTECTIVE_MARKING, 0, y, { width, align: 'center', lineBreak: false });
    }
    pdf.endMarkedContent();
    margins.bottom = bottomMargin;
  }
}

/** The genogram's marks as PDF vector graphics, `width` points wide with its top-left at x, y. */
function drawVector(pdf: Pdf, drawing: GenogramDrawing, x: number, y: number, width: number): void {
  const { box } = drawing;
  const scale = width / box.width;
  pdf.save();
  pdf.rect(x, y, width, box.height * scale).clip();
  pdf.translate(x, y).scale(scale).translate(-box.x, -box.y);
  for (const mark of drawing.marks) {
    if (mark.kind !== 'path') continue;
    pdf.path(mark.d);
    if (mark.stroke) {
      pdf.lineWidth(mark.width).strokeColor(mark.stroke);
      // pdfkit takes a dash array at run time (dash_dot patterns need four numbers);
      // its type declaration only admits one length.
      if (mark.dash.length > 0) pdf.dash([...mark.dash] as unknown as number, {});
      else pdf.undash();
    }
    if (mark.fill && mark.stroke) pdf.fillColor(mark.fill).fillAndStroke();
    else if (mark.fill) pdf.fillColor(mark.fill).fill();
    else pdf.stroke();
  }
  pdf.restore();
  // Text is placed in page coordinates: pdfkit's text layout inside a scaled space would take
  // the picture's own units for positions on the page and break pages where there are none.
  pdf.fillColor(INK_HEX);
  for (const mark of drawing.marks) {
    if (mark.kind !== 'text') continue;
    const size = mark.size * scale;
    const weight: Weight = mark.bold ? 'bold' : 'regular';
    const runs = runsOf(mark.text).map((run) => {
      const font = useFace(pdf, run.face, weight);
      pdf.font(font).fontSize(size);
      return { font, text: run.text, width: pdf.widthOfString(run.text) };
    });
    const total = runs.reduce((sum, run) => sum + run.width, 0);
    let left = x + (mark.x - box.x) * scale - (mark.anchor === 'middle' ? total / 2 : 0);
    // SVG places text by its baseline, pdfkit by the top of the line.
    const top = y + (mark.y - box.y) * scale - size * 0.8;
    for (const run of runs) {
      pdf.font(run.font).fontSize(size).text(run.text, left, top, { lineBreak: false });
      left += run.width;
    }
  }
  pdf.fillColor(INK_HEX);
}
