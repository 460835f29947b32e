import { getOperatorMetrics } from './operator.ts';
import { getTenantMetrics } from './tenant.ts';

export const metricsRoutes = [getOperatorMetrics, getTenantMetrics];
