export * from './status.ts';
export * from './roles.ts';
export type * from './errors.ts';
export type * from './public-status.ts';
