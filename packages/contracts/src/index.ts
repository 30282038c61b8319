export * from './common.js';
export * from './permissions.js';
export * from './auth.js';
export * from './org.js';
export * from './units.js';
export * from './residents.js';
export * from './staff.js';
export * from './tickets.js';
