import PDFDocument from 'pdfkit';
import type { ExportBlock, ExportDocument } from './exportDocument.js';

const MARGIN_PT = 56;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const HEADING_SIZES = { 1: 16, 2: 13, 3: 11.5 } as const;

/**
 * A4 PDF with pdfkit's built-in Helvetica (no font files to ship; text stays extractable and
 * searchable). The genogram goes in as the PNG the DOCX uses, scaled to the text width.
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
  const imageWidth = (block: Extract<ExportBlock, { kind: 'image' }>): number =>
    Math.min(textWidth, block.width * 0.75, (textHeight * block.width) / block.height);
  const imageHeight = (block: ExportBlock | undefined): number =>
    block?.kind === 'image' ? (block.height / block.width) * imageWidth(block) : 0;

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
      case 'image': {
        const width = imageWidth(block);
        const height = imageHeight(block);
        if (pdf.y + height > pdf.page.height - MARGIN_PT) pdf.addPage();
        pdf.image(block.png, MARGIN_PT, pdf.y, { width, height });
        pdf.y += height + 8;
        pdf.x = MARGIN_PT;
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
