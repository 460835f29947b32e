import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/test/test-database.ts';
import { asSystem, withApiKey } from '../../api/src/db/doors.ts';
import type { ApiKeyScope } from '../../api/src/contract/roles.ts';
import { createApiKey, createOrg, createService } from '../../api/test/fixtures.ts';
import { rolledBack, type TransactionRunner } from './support/rolled-back.ts';

// The RLS matrix tries an incident template's rows; here the other half: which write scope a key
// needs follows the row's kind, in both tables, for insert, update and delete.
describe('template rows: the write scope follows the kind', () => {
  let t: TestDatabase;
  let orgId: string;
  let serviceId: string;
  const templates: Record<'incident' | 'maintenance', string> = { incident: '', maintenance: '' };

  beforeAll(async () => {
    t = await createTestDatabase();
    orgId = (await createOrg(t.db)).id;
    serviceId = (await createService(t.db, orgId)).id;
    await asSystem(t.db, 'test', async (tx) => {
      for (const kind of ['incident', 'maintenance'] as const) {
        const [row] = await tx.query<{ id: string }>(
          `insert into public.templates (org_id, kind, name, title, impact)
           values ($1, $2, $2, 'T', case when $2 = 'incident' then 'minor' end) returning id`,
          [orgId, kind],
        );
        templates[kind] = row!.id;
      }
    });
  });
  afterAll(() => t.close());

  /** Whether a key with `scope` can write each kind's rows: [templates insert, update, delete, services insert]. */
  async function writes(scope: ApiKeyScope, kind: 'incident' | 'maintenance'): Promise<boolean[]> {
    const key = await createApiKey(t.db, orgId, [scope]);
    const run: TransactionRunner = (fn) => withApiKey(t.db, { keyId: key.id, orgId, scopes: [scope] }, fn);
    const id = templates[kind];
    const statements: [string, unknown[]][] = [
      [
        `insert into public.templates (org_id, kind, name, title, impact)
         values ($1, $2, gen_random_uuid()::text, 'T', case when $2 = 'incident' then 'minor' end) returning 1`,
        [orgId, kind],
      ],
      [`update public.templates set title = 'U' where id = $1 returning 1`, [id]],
      [`delete from public.templates where id = $1 returning 1`, [id]],
      [
        `insert into public.template_services (org_id, template_id, kind, service_id, status)
         values ($1, $2, $3, $4, case when $3 = 'incident' then 'major_outage' end) returning 1`,
        [orgId, id, kind, serviceId],
      ],
    ];
    const outcomes: boolean[] = [];
    for (const [sql, params] of statements) {
      outcomes.push(
        await rolledBack(run, async (tx) => {
          try {
            return (await tx.query(sql, params)).length === 1;
          } catch (error) {
            if ((error as { code?: string }).code === '42501') return false;
            throw error;
          }
        }),
      );
    }
    return outcomes;
  }

  it('incidents:write writes incident templates only, maintenances:write maintenance ones only', async () => {
    expect(await writes('incidents:write', 'incident')).toEqual([true, true, true, true]);
    expect(await writes('incidents:write', 'maintenance')).toEqual([false, false, false, false]);
    expect(await writes('maintenances:write', 'maintenance')).toEqual([true, true, true, true]);
    expect(await writes('maintenances:write', 'incident')).toEqual([false, false, false, false]);
  });

  it('refuses changing a template kind under its services', async () => {
    await asSystem(t.db, 'test', (tx) =>
      tx.query(
        `insert into public.template_services (org_id, template_id, kind, service_id, status)
         values ($1, $2, 'incident', $3, 'major_outage')`,
        [orgId, templates.incident, serviceId],
      ),
    );
    await expect(
      asSystem(t.db, 'test', (tx) =>
        tx.query(`update public.templates set kind = 'maintenance', impact = null where id = $1`, [templates.incident]),
      ),
    ).rejects.toMatchObject({ code: '23503' });
  });
});
