/** The part of fontkit (pdfkit's font engine, which ships no types) the exports use. */
declare module 'fontkit' {
  interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
