// Imported by nothing in a cycle: must not be reported.
import { end } from './end.ts';

export const leaf = end;
