import { getPublicStatus } from './status.ts';
import { getPublicSummary } from './summary.ts';
import { getPublicLogo } from './logo.ts';

export const publicRoutes = [getPublicStatus, getPublicSummary, getPublicLogo];
