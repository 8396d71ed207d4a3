import type { GenogramImage } from './genogramImage.js';

/**
 * A document to export, independent of format: the minutes and the case notes are built once as
 * these blocks, then written as DOCX, PDF and plain text by one renderer each, so the three
 * formats always say the same thing.
 */
export type ExportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  /** A labelled fact: "Concern: High". */
  | { kind: 'field'; label: string; value: string }
  | { kind: 'list'; items: string[] }
  /** The genogram: vector marks for the PDF, its PNG for the DOCX, `alt` for text. */
  | { kind: 'genogram'; image: GenogramImage; alt: string };

export interface ExportDocument {
  title: string;
  /** Lines under the title: unit, meeting, family, finalisation. */
  subtitle: string[];
  blocks: ExportBlock[];
  /** Printed at the end: the record's provenance (hashes). */
  footer: string[];
}

/**
 * The Government Security Classification marking of everything exported: records about
 * children and their families are OFFICIAL, marked SENSITIVE. Printed at the top and bottom of
 * every page (PDF, DOCX) and as the first and last line of text.
 */
export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';
