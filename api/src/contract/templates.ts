import type { ApiKeyScope } from './roles.ts';

/** What a template starts: an incident, or a maintenance (`templates.kind`). */
export const templateKinds = ['incident', 'maintenance'] as const;
export type TemplateKind = (typeof templateKinds)[number];

/** The API key scope that writes a template of each kind: the scope that writes what it starts. */
export const templateWriteScope: Readonly<Record<TemplateKind, ApiKeyScope>> = {
  incident: 'incidents:write',
  maintenance: 'maintenances:write',
};
