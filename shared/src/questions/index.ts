export * from './kinds.js';
export * from './bank.js';
export * from './kinship.js';
export * from './generate.js';
export * from './unitBank.js';
