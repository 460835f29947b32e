import { getPublicStream } from './public-stream.ts';
import { getOrgStream } from './org-stream.ts';

export const streamRoutes = [getPublicStream, getOrgStream];
