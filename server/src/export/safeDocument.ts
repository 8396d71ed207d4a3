import { safeLine, safeText } from '@unitroom/shared';
import type { ExportBlock, ExportDocument } from './exportDocument.js';
import type { GenogramDrawing } from './genogramImage.js';

/**
 * The document with nothing in it that a file format cannot hold or that reads differently from
 * what it is (XML-invalid characters, bidi overrides, lone surrogates: `safeText`). Applied to
 * every export just before it is written, whatever the record holds: records finalised before
 * names were cleaned at input export too.
 */
export function safeDocument(document: ExportDocument): ExportDocument {
  return {
    title: safeLine(document.title),
    subtitle: document.subtitle.map(safeLine),
    blocks: document.blocks.map(safeBlock),
    footer: document.footer.map(safeLine),
  };
}

function safeBlock(block: ExportBlock): ExportBlock {
  switch (block.kind) {
    case 'heading':
      return { ...block, text: safeLine(block.text) };
    case 'paragraph':
      return { ...block, text: safeText(block.text) };
    case 'field':
      return { ...block, label: safeLine(block.label), value: safeText(block.value) };
    case 'list':
      return { ...block, items: block.items.map(safeText) };
    case 'genogram':
      return {
        ...block,
        alt: safeLine(block.alt),
        image: { ...block.image, drawing: safeDrawing(block.image.drawing) },
      };
  }
}

export function safeDrawing(drawing: GenogramDrawing): GenogramDrawing {
  return {
    ...drawing,
    marks: drawing.marks.map((mark) =>
      mark.kind === 'text' ? { ...mark, text: safeLine(mark.text) } : mark,
    ),
  };
}
