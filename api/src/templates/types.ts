import type { HoldStatus, IncidentImpact } from '../contract/status.ts';
import type { TemplateKind } from '../contract/templates.ts';

/** A service a template affects: for an incident template, with the status the incident will hold it at. */
export interface TemplateService {
  service_id: string;
  name: string;
  /** Null for a maintenance template: a maintenance shows its services `under_maintenance`. */
  status: HoldStatus | null;
}

/** A template as the API answers it and every `template.*` event carries it. */
export interface TemplateState {
  id: string;
  kind: TemplateKind;
  name: string;
  title: string;
  message: string;
  /** An incident template's impact; null for a maintenance template. */
  impact: IncidentImpact | null;
  /** A maintenance template's usual window length; null when it has none (always for incidents). */
  duration_minutes: number | null;
  services: TemplateService[];
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The fields a template is written with (a create's body; an edit's body merged onto the template). */
export interface TemplateFields {
  name: string;
  title: string;
  message: string;
  impact: IncidentImpact | null;
  duration_minutes: number | null;
  services: { service_id: string; status?: HoldStatus | null | undefined }[];
}
