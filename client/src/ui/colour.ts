const BLACK = '#0b0c0c';
const WHITE = '#ffffff';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Black or white, whichever reads better on `background` (`#rrggbb`). Some caret colours (orange,
 * teal) fall below 4.5:1 with white text, so the label colour cannot be fixed.
 */
export function textColourOn(background: string): string {
  const l = luminance(background);
  const againstWhite = 1.05 / (l + 0.05);
  const againstBlack = (l + 0.05) / (luminance(BLACK) + 0.05);
  return againstBlack > againstWhite ? BLACK : WHITE;
}

export const isHexColour = (value: string): boolean => /^#[0-9a-f]{6}$/i.test(value);
