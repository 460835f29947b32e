import { end } from './end.ts';

export const middle = (): string => end;
