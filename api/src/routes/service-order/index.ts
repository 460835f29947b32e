import { putServiceOrder } from './put.ts';

export const serviceOrderRoutes = [putServiceOrder];
