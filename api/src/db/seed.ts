import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './types.ts';

const databaseDir = fileURLToPath(new URL('../../../database/', import.meta.url));

/** The demo admin of the seed (README and the start banner name it). */
export const demoAdmin = { email: 'admin@demo.test', password: 'lantern-demo' } as const;

/**
 * Loads the demo organization into an empty database (no organization yet); returns whether it did.
 * One transaction: a failed seed leaves nothing behind.
 */
export async function seedDemo(db: Database): Promise<boolean> {
  const sql = await readFile(`${databaseDir}seed.sql`, 'utf8');
  const logo = await readFile(`${databaseDir}seed/demo-logo.png`);
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ count: number }>('select count(*)::int as count from public.organizations');
    if (existing && existing.count > 0) return false;
    await tx.exec(sql);
    await tx.query(
      `insert into public.organization_logos (org_id, content_type, bytes)
       select id, 'image/png', $1 from public.organizations where slug = 'demo'`,
      [logo],
    );
    return true;
  });
}

/** True when the demo admin's account exists (loaded now or on an earlier start). */
export async function demoAdminExists(db: Database): Promise<boolean> {
  const rows = await db.transaction((tx) =>
    tx.query<{ found: boolean }>('select exists (select 1 from auth.users where email = $1) as found', [
      demoAdmin.email,
    ]),
  );
  return rows[0]?.found === true;
}
