export * from './vocabulary.js';
export * from './discussion.js';
