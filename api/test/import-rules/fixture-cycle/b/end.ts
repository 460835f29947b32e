import type { start } from '../a/start.ts';

export const end = 'end';
export type Start = typeof start;
