import type { Queryable } from '../db/types.ts';
import { iso } from '../db/iso-time.ts';
import type { TemplateKind } from '../contract/templates.ts';
import type { TemplateState } from './types.ts';

interface TemplateRow extends Omit<TemplateState, 'created_at' | 'updated_at'> {
  created_at: Date | string;
  updated_at: Date | string;
}

/** Which templates to load: one by id, or a page ordered by name then id, after a cursor. */
export interface TemplateQuery {
  id?: string;
  kind?: TemplateKind;
  after?: { name: string; id: string };
  limit?: number;
}

/**
 * Templates of `orgId` with their services (in the order they were given), one query whatever the
 * count. A service is named as it is now, so a renamed service shows its new name.
 */
export async function loadTemplates(tx: Queryable, orgId: string, query: TemplateQuery = {}): Promise<TemplateState[]> {
  const params: unknown[] = [orgId];
  const where = ['t.org_id = $1'];
  const add = (sql: string, ...values: unknown[]) => {
    let text = sql;
    for (const value of values) {
      params.push(value);
      text = text.replace('?', `$${params.length}`);
    }
    where.push(text);
  };
  if (query.id) add('t.id = ?::uuid', query.id);
  if (query.kind) add('t.kind = ?', query.kind);
  if (query.after)
    add(
      '(t.name collate "C" > ?::text or (t.name = ?::text and t.id > ?::uuid))',
      query.after.name,
      query.after.name,
      query.after.id,
    );
  params.push(query.limit ?? 1000);
  const rows = await tx.query<TemplateRow>(
    `select t.id, t.kind, t.name, t.title, t.message, t.impact, t.duration_minutes, t.created_by,
            t.created_at, t.updated_at,
            coalesce((
              select json_agg(json_build_object('service_id', s.id, 'name', s.name, 'status', x.status)
                              order by x.position, s.id)
              from public.template_services x join public.services s on s.org_id = x.org_id and s.id = x.service_id
              where x.org_id = t.org_id and x.template_id = t.id), '[]'::json) as services
     from public.templates t
     where ${where.join(' and ')}
     order by t.name collate "C", t.id
     limit $${params.length}`,
    params,
  );
  return rows.map((row) => ({ ...row, created_at: iso(row.created_at), updated_at: iso(row.updated_at) }));
}

/** One template of `orgId`, or null when it does not exist or the caller cannot see it. */
export async function loadTemplate(tx: Queryable, orgId: string, id: string): Promise<TemplateState | null> {
  const [template] = await loadTemplates(tx, orgId, { id, limit: 1 });
  return template ?? null;
}
