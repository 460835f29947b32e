// The one place this module reaches into the incidents code (its functions live with the incident
// routes today); everything here goes through these re-exports, so a move of that code changes
// only these lines.
export {
  insertIncidentUpdate,
  publishIncident,
  setIncidentServices,
  setIncidentStatus,
} from '../routes/incidents/mutate.ts';
export { loadIncident } from '../routes/incidents/state.ts';
export { systemAuthor, type Author } from '../routes/incidents/author.ts';
