import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import { PROTECTIVE_MARKING, type ExportBlock, type ExportDocument } from './exportDocument.js';

/** Largest image on an A4 page with Word's default margins, in pixels at 96 dpi. */
const MAX_IMAGE_WIDTH_PX = 600;
const MAX_IMAGE_HEIGHT_PX = 850;
const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

export async function renderDocx(document: ExportDocument): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: document.title, heading: HeadingLevel.TITLE }),
    ...document.subtitle.map((line) => new Paragraph({ children: [new TextRun(line)] })),
    ...document.blocks.flatMap(blockParagraphs),
    ...document.footer.map(
      (line) =>
        new Paragraph({ children: [new TextRun({ text: line, size: 16, color: '505A5F' })] }),
    ),
  ];
  const docx = new Document({
    title: document.title,
    creator: 'Unitroom',
    keywords: PROTECTIVE_MARKING,
    description: document.subtitle.join('; '),
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        // The protective marking at the top and bottom of every page.
        headers: { default: new Header({ children: [markingParagraph()] }) },
        footers: { default: new Footer({ children: [markingParagraph()] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(docx);
}

function markingParagraph(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: PROTECTIVE_MARKING, size: 18, bold: true })],
  });
}

function blockParagraphs(block: ExportBlock): Paragraph[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level] })];
    case 'paragraph':
      return block.text
        .split('\n')
        .map((line) => new Paragraph({ children: [new TextRun(line)], spacing: { after: 120 } }));
    case 'field':
      return [
        new Paragraph({
          children: [
            new TextRun({ text: `${block.label}: `, bold: true }),
            new TextRun(block.value),
          ],
        }),
      ];
    case 'list':
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case 'genogram': {
      const { png, width, height } = block.image;
      const scale = Math.min(1, MAX_IMAGE_WIDTH_PX / width, MAX_IMAGE_HEIGHT_PX / height);
      return [
        new Paragraph({
          children: [
            new ImageRun({
              type: 'png',
              data: png,
              transformation: {
                width: Math.round(width * scale),
                height: Math.round(height * scale),
              },
              altText: { name: block.alt, title: block.alt, description: block.alt },
            }),
          ],
        }),
      ];
    }
  }
}
