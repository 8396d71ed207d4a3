/**
 * Text a person typed or pasted, made safe to store, show and export.
 *
 * Two kinds of character do harm and carry no meaning a person meant to write:
 * - characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF): Word pastes
 *   U+000B and U+000C, and a DOCX containing one cannot be written at all;
 * - bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): they
 *   make a name read differently from what it is ("Trojan Source"). Marks that only nudge
 *   direction (LRM, RLM, ALM) are kept: right-to-left names need them.
 * Tab, line feed and carriage return are kept where the text may hold lines.
 */

// eslint-disable-next-line no-control-regex -- these control characters are exactly what is matched
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAKS = /[\t\n\r]+/g;

/** Removes what no person means to write; keeps tabs and line breaks (minutes, notes). */
export function safeText(text: string): string {
  return text.replace(XML_INVALID, '').replace(BIDI_CONTROLS, '').replace(LONE_SURROGATES, '');
}

/** As `safeText`, for a one-line value (a name, a title): line breaks and tabs become a space. */
export function safeLine(text: string): string {
  return safeText(text).replace(LINE_BREAKS, ' ');
}

/** Whether `safeText` would change the text: for refusing at an input boundary instead of mending. */
export function hasUnsafeCharacters(text: string): boolean {
  return safeText(text) !== text;
}
