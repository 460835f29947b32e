import { getOpenApi } from './get.ts';
import { getDocs } from './docs.ts';

export const openApiRoutes = [getOpenApi, getDocs];
