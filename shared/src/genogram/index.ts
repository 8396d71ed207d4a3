export * from './notation.js';
export * from './layout.js';
export type { Point, Rect } from './geometry.js';
export * from './people.js';
export * from './generations.js';
export { LABEL_FONTS, estimatedTextWidth, textBoxAt, unionDatesText } from './labels.js';
export * from './fit.js';
