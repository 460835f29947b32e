import { listServices } from './list.ts';
import { getService } from './get.ts';
import { createService } from './create.ts';
import { updateService } from './update.ts';
import { deleteService } from './delete.ts';
import { setServiceStatus } from './set-status.ts';
import { getServiceHistory } from './history.ts';
import { getServiceUptime } from './uptime.ts';

export const serviceRoutes = [
  listServices,
  createService,
  getService,
  updateService,
  deleteService,
  setServiceStatus,
  getServiceHistory,
  getServiceUptime,
];
