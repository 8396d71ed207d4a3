import { describe, expect, it } from 'vitest';
import { hasUnsafeCharacters, safeLine, safeText } from '@unitroom/shared';

describe('safe text', () => {
  it('removes the characters XML 1.0 forbids, as Word pastes them', () => {
    expect(safeText('Ama\u000BBoateng\u000C')).toBe('AmaBoateng');
    expect(safeText('a\u0000b\u0008c\u001Fd\uFFFEe')).toBe('abcde');
  });

  it('removes bidirectional overrides and isolates but keeps direction marks', () => {
    expect(safeText('\u202EnhoJ\u202C')).toBe('nhoJ');
    expect(safeText('\u2066x\u2069')).toBe('x');
    expect(safeText('\u200Fسارا\u200E')).toBe('\u200Fسارا\u200E');
  });

  it('removes lone surrogates and keeps characters outside the basic plane', () => {
    expect(safeText('a\uD800b\uDC00c')).toBe('abc');
    expect(safeText('Zoë 👶 李')).toBe('Zoë 👶 李');
  });

  it('keeps line breaks in text and folds them in a line', () => {
    expect(safeText('one\ntwo\tthree\r\n')).toBe('one\ntwo\tthree\r\n');
    expect(safeLine('one\ntwo\tthree')).toBe('one two three');
  });

  it('says whether text needs mending', () => {
    expect(hasUnsafeCharacters('Łucja Wiśniewska')).toBe(false);
    expect(hasUnsafeCharacters('Łucja\u000B')).toBe(true);
  });
});
