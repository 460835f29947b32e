import type { Queryable } from '../db/types.ts';
import { appendEvent } from '../db/events.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { assertServicesInOrg } from '../status/org-services.ts';
import type { TemplateKind } from '../contract/templates.ts';
import type { WriteContext } from '../timeline/author.ts';
import type { TemplateFields, TemplateState } from './types.ts';
import { loadTemplate } from './state.ts';

const servicePath = (i: number) => ['services', i, 'service_id'];

/**
 * Refuses (400, with a detail per field) what does not fit the kind: an incident template has an
 * impact and a status per service; a maintenance template has neither, and may have a duration.
 * Checked here rather than in the route's schema because an edit's kind is the stored one.
 */
export function assertFitsKind(kind: TemplateKind, fields: TemplateFields): void {
  const problems: { path: (string | number)[]; message: string; code: string }[] = [];
  const incident = kind === 'incident';
  if (incident && fields.impact === null)
    problems.push({ path: ['impact'], message: 'An incident template needs an impact', code: 'custom' });
  if (incident && fields.duration_minutes !== null)
    problems.push({
      path: ['duration_minutes'],
      message: 'Only a maintenance template has a duration',
      code: 'custom',
    });
  if (!incident && fields.impact !== null)
    problems.push({ path: ['impact'], message: 'A maintenance template has no impact', code: 'custom' });
  fields.services.forEach((service, i) => {
    if (incident && !service.status)
      problems.push({ path: ['services', i, 'status'], message: 'Give the status this service shows', code: 'custom' });
    if (!incident && service.status)
      problems.push({
        path: ['services', i, 'status'],
        message: 'A maintenance shows its services under maintenance: leave the status out',
        code: 'custom',
      });
  });
  if (problems.length > 0) throw new AppError('validation_failed', 'Invalid request', { details: problems });
}

async function assertNameFree(tx: Queryable, orgId: string, name: string, id: string | null): Promise<void> {
  const taken = await tx.query(
    'select 1 from public.templates where org_id = $1 and name = $2 and id is distinct from $3::uuid',
    [orgId, name, id],
  );
  if (taken.length > 0) throw conflict('Another template of the organization has this name');
}

async function setServices(tx: Queryable, orgId: string, id: string, kind: TemplateKind, fields: TemplateFields) {
  await tx.query('delete from public.template_services where org_id = $1 and template_id = $2', [orgId, id]);
  if (fields.services.length === 0) return;
  await tx.query(
    `insert into public.template_services (org_id, template_id, kind, service_id, status, position)
     select $1, $2, $3, s.service_id, s.status, s.position - 1
     from unnest($4::uuid[], $5::text[]) with ordinality as s (service_id, status, position)`,
    [orgId, id, kind, fields.services.map((s) => s.service_id), fields.services.map((s) => s.status ?? null)],
  );
}

/** The template as now stored, and its event in the org's log (the audit trail and the org stream). */
async function publish(tx: Queryable, orgId: string, id: string, type: string): Promise<TemplateState> {
  const template = await loadTemplate(tx, orgId, id);
  if (!template) throw notFound('Template');
  await appendEvent(tx, orgId, type, { template });
  return template;
}

/** Creates a template of `kind`; its services must be services of the org (else 422, nothing written). */
export async function createTemplate(
  tx: Queryable,
  orgId: string,
  kind: TemplateKind,
  fields: TemplateFields,
  { now, author }: WriteContext,
): Promise<TemplateState> {
  assertFitsKind(kind, fields);
  await assertServicesInOrg(
    tx,
    orgId,
    fields.services.map((s) => s.service_id),
    servicePath,
  );
  await assertNameFree(tx, orgId, fields.name, null);
  const [row] = await tx.query<{ id: string }>(
    `insert into public.templates (org_id, kind, name, title, message, impact, duration_minutes, created_by, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id`,
    [
      orgId,
      kind,
      fields.name,
      fields.title,
      fields.message,
      fields.impact,
      fields.duration_minutes,
      author.userId,
      now,
    ],
  );
  await setServices(tx, orgId, row!.id, kind, fields);
  return publish(tx, orgId, row!.id, 'template.created');
}

/** Replaces what `changes` names (services as a whole list); the kind never changes. */
export async function editTemplate(
  tx: Queryable,
  orgId: string,
  current: TemplateState,
  changes: Partial<TemplateFields>,
  { now }: WriteContext,
): Promise<TemplateState> {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const fields: TemplateFields = { ...current, ...defined };
  assertFitsKind(current.kind, fields);
  if (changes.services)
    await assertServicesInOrg(
      tx,
      orgId,
      changes.services.map((s) => s.service_id),
      servicePath,
    );
  if (changes.name !== undefined) await assertNameFree(tx, orgId, fields.name, current.id);
  await tx.query(
    `update public.templates set name = $3, title = $4, message = $5, impact = $6, duration_minutes = $7, updated_at = $8
     where org_id = $1 and id = $2`,
    [orgId, current.id, fields.name, fields.title, fields.message, fields.impact, fields.duration_minutes, now],
  );
  if (changes.services) await setServices(tx, orgId, current.id, current.kind, fields);
  return publish(tx, orgId, current.id, 'template.updated');
}

/** Deletes a template (its services go with it); `template.deleted` names what went. */
export async function deleteTemplate(tx: Queryable, orgId: string, template: TemplateState): Promise<void> {
  await tx.query('delete from public.templates where org_id = $1 and id = $2', [orgId, template.id]);
  await appendEvent(tx, orgId, 'template.deleted', {
    template: { id: template.id, kind: template.kind, name: template.name },
  });
}
