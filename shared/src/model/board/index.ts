export * from './suggestion.js';
export * from './hypothesis.js';
export * from './conversation.js';
export * from './question.js';
export * from './boardNote.js';
export * from './board.js';
export * from './abilities.js';
export * from './review.js';
