import PDFDocument from 'pdfkit';
import type { ExportBlock, ExportDocument } from './exportDocument.js';
import type { GenogramDrawing } from './genogramImage.js';

const MARGIN_PT = 56;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK_HEX = '#0b0c0c';
const HEADING_SIZES = { 1: 16, 2: 13, 3: 11.5 } as const;

/**
 * A4 PDF with pdfkit's built-in Helvetica (no font files to ship; text stays extractable and
 * searchable). The genogram goes in as vector paths, scaled to the text width.
 */
export function renderPdf(document: ExportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN_PT,
    info: { Title: document.title, Creator: 'Unitroom', Subject: document.subtitle.join('; ') },
    pdfVersion: '1.7',
    displayTitle: true,
    lang: 'en-GB',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const textWidth = pdf.page.width - MARGIN_PT * 2;

  pdf.font(BOLD).fontSize(18).text(document.title);
  pdf.moveDown(0.3);
  pdf.font(FONT).fontSize(10);
  for (const line of document.subtitle) pdf.text(line);
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
        pdf.font(BOLD).fontSize(HEADING_SIZES[block.level]).text(block.text);
        pdf.moveDown(0.2);
        break;
      case 'paragraph':
        pdf.font(FONT).fontSize(10.5).text(block.text, { paragraphGap: 4 });
        break;
      case 'field':
        pdf
          .font(BOLD)
          .fontSize(10.5)
          .text(`${block.label}: `, { continued: true })
          .font(FONT)
          .text(block.value);
        break;
      case 'list':
        pdf.font(FONT).fontSize(10.5).list(block.items, { bulletRadius: 2, paragraphGap: 2 });
        pdf.moveDown(0.3);
        break;
      case 'genogram': {
        const height = imageHeight(block);
        if (pdf.y + height > pdf.page.height - MARGIN_PT) pdf.addPage();
        const top = pdf.y;
        drawVector(pdf, block.image.drawing, MARGIN_PT, top, imageWidth(block.image.drawing.box));
        pdf.x = MARGIN_PT;
        pdf.y = top + height + 8;
        break;
      }
    }
  }
  pdf.moveDown();
  pdf.font(FONT).fontSize(8).fillColor('#505a5f');
  for (const line of document.footer) pdf.text(line);
  pdf.end();
  return done;
}

/** The genogram's marks as PDF vector graphics, `width` points wide with its top-left at x, y. */
function drawVector(
  pdf: PDFKit.PDFDocument,
  drawing: GenogramDrawing,
  x: number,
  y: number,
  width: number,
): void {
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
    pdf.font(mark.bold ? BOLD : FONT).fontSize(size);
    const textWidth = pdf.widthOfString(mark.text);
    const left = x + (mark.x - box.x) * scale - (mark.anchor === 'middle' ? textWidth / 2 : 0);
    // SVG places text by its baseline, pdfkit by the top of the line.
    const top = y + (mark.y - box.y) * scale - size * 0.8;
    pdf.text(mark.text, left, top, { lineBreak: false });
  }
  pdf.fillColor(INK_HEX);
}
