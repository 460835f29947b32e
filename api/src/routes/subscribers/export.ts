import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { OrgParams, subscriberColumns, type SubscriberRow } from './schema.ts';

/** One CSV field (RFC 4180), with a leading `=`, `+`, `-`, `@` defused so a spreadsheet never runs it. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** GET /api/organizations/:orgId/subscribers/export: every subscriber as CSV, oldest first. */
export const exportSubscribers = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/subscribers/export',
    operationId: 'exportSubscribers',
    tags: ['subscribers'],
    summary: 'Export the subscribers as CSV',
    request: { params: OrgParams },
    responses: {
      200: {
        description:
          'email, confirmed, confirmed_at, services (space-separated ids; empty: all), status_changes, created_at',
        content: { 'text/csv': { schema: z.string() } },
      },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const rows = await asCaller(c, (tx) =>
      tx.query<SubscriberRow>(
        `select ${subscriberColumns} from public.status_subscribers s where s.org_id = $1 order by s.created_at, s.id`,
        [orgId],
      ),
    );
    const lines = [
      'email,confirmed,confirmed_at,services,status_changes,created_at',
      ...rows.map((r) =>
        [
          r.email,
          String(r.confirmed),
          r.confirmed_at ?? '',
          (r.services ?? []).join(' '),
          String(r.status_changes),
          r.created_at,
        ]
          .map(csvField)
          .join(','),
      ),
    ];
    return c.body(`${lines.join('\r\n')}\r\n`, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="subscribers.csv"',
    });
  },
);
