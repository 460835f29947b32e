import { listMaintenances } from './list.ts';
import { getMaintenance } from './get.ts';
import { createMaintenance } from './create.ts';
import { updateMaintenance } from './update.ts';
import { deleteMaintenance } from './delete.ts';
import { createMaintenanceUpdate } from './updates-create.ts';

export const maintenanceRoutes = [
  listMaintenances,
  createMaintenance,
  getMaintenance,
  updateMaintenance,
  deleteMaintenance,
  createMaintenanceUpdate,
];
