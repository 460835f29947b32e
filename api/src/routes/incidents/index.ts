import { listIncidents } from './list.ts';
import { getIncident } from './get.ts';
import { createIncident } from './create.ts';
import { updateIncident } from './update.ts';
import { deleteIncident } from './delete.ts';
import { resolveIncident } from './resolve.ts';
import { createIncidentUpdate } from './updates-create.ts';
import { editIncidentUpdate } from './updates-edit.ts';
import { deleteIncidentUpdate } from './updates-delete.ts';
import { putIncidentPostmortem } from './postmortem.ts';

export const incidentRoutes = [
  listIncidents,
  createIncident,
  getIncident,
  updateIncident,
  deleteIncident,
  resolveIncident,
  createIncidentUpdate,
  editIncidentUpdate,
  deleteIncidentUpdate,
  putIncidentPostmortem,
];
