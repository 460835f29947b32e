import { listServiceGroups } from './list.ts';
import { createServiceGroup } from './create.ts';
import { updateServiceGroup } from './update.ts';
import { deleteServiceGroup } from './delete.ts';

export const serviceGroupRoutes = [listServiceGroups, createServiceGroup, updateServiceGroup, deleteServiceGroup];
