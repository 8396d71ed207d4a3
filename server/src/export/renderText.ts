import { PROTECTIVE_MARKING, type ExportDocument } from './exportDocument.js';

/**
 * Plain text to paste into a case note in Liquidlogic LCS or Mosaic: their note fields keep line
 * breaks but no formatting, so headings are underlined with a rule, lists are "- " lines, and no
 * line is wrapped by us (the field wraps it). The protective marking is the first and last line.
 */
export function renderText(document: ExportDocument): string {
  const lines: string[] = [
    PROTECTIVE_MARKING,
    '',
    document.title,
    '='.repeat(Math.min(document.title.length, 80)),
  ];
  lines.push(...document.subtitle, '');
  for (const block of document.blocks) {
    switch (block.kind) {
      case 'heading': {
        if (lines[lines.length - 1] !== '') lines.push('');
        lines.push(
          block.text,
          (block.level === 3 ? '-' : '=').repeat(Math.min(block.text.length, 80)),
        );
        break;
      }
      case 'paragraph':
        lines.push(...block.text.split('\n'), '');
        break;
      case 'field':
        lines.push(`${block.label}: ${block.value}`);
        break;
      case 'list':
        lines.push(...block.items.map((item) => `- ${item.replaceAll('\n', ' ')}`), '');
        break;
      case 'genogram':
        lines.push(`[${block.alt}: attached to the DOCX and PDF versions]`, '');
        break;
    }
  }
  lines.push('', ...document.footer, '', PROTECTIVE_MARKING);
  return `${collapseBlankLines(lines).join('\n').trim()}\n`;
}

function collapseBlankLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && out[out.length - 1] === '') continue;
    out.push(line);
  }
  return out;
}
