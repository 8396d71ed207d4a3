export * from './person.js';
export * from './union.js';
export * from './childLink.js';
export * from './relationship.js';
export * from './household.js';
export * from './ecomapEntry.js';
export * from './legal.js';
export * from './genogram.js';
