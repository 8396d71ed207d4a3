export * from './notation.js';
export * from './layout.js';
export type { Point, Rect } from './geometry.js';
export * from './people.js';
