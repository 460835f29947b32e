// A planted cycle (start → middle → end → start, the last link type-only), so the cycle test proves it bites.
import { middle } from '../b/middle.ts';

export const start = (): string => middle();
