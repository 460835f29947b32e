import { listOrganizations } from './list.ts';
import { createOrganization } from './create.ts';
import { getOrganization } from './get.ts';
import { updateOrganization } from './update.ts';
import { deleteOrganization } from './delete.ts';
import { putOrganizationLogo } from './logo-put.ts';
import { getOrganizationLogo } from './logo-get.ts';

export const organizationRoutes = [
  listOrganizations,
  createOrganization,
  getOrganization,
  updateOrganization,
  deleteOrganization,
  putOrganizationLogo,
  getOrganizationLogo,
];
