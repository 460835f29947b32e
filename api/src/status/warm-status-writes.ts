import { randomUUID } from 'node:crypto';
import type { Database } from '../db/types.ts';
import type { HoldStatus } from '../contract/status.ts';
import { asSystem, enterRole } from '../db/doors.ts';
import { setManualStatus } from './set-manual-status.ts';

const rolledBack = Symbol('warm-up rolled back');

/**
 * Runs one status write at start, in a transaction that is rolled back: nothing is written, no event
 * is numbered or notified. On PGlite the database runs in this thread, and the first write of a
 * process otherwise paid for what its first execution loads once per connection (catalog entries of
 * the tables, triggers and policies it touches, the compiled PL/pgSQL functions and their plans) plus
 * V8's first compilation of the write's code: the first change after start took several times the
 * tenth (docs/benchmarks.md, "Write path"). So the write runs as a member would, through the
 * `authenticated` role and its row level security policies, by a user and membership that exist only
 * in this transaction, and the commit's deferred triggers (the public-stream projection) run before
 * the rollback. Uses any one service; without any it does nothing.
 */
export async function warmStatusWrites(db: Database): Promise<void> {
  await asSystem(db, 'warm-up', async (tx) => {
    const [service] = await tx.query<{ org_id: string; id: string; manual_status: HoldStatus }>(
      'select org_id, id, manual_status from public.services limit 1',
    );
    if (!service) return;
    const [user] = await tx.query<{ id: string }>('insert into auth.users (email) values ($1) returning id', [
      `warm-up-${randomUUID()}@warm-up.invalid`,
    ]);
    await tx.query(`insert into public.organization_members (org_id, user_id, role) values ($1, $2, 'member')`, [
      service.org_id,
      user!.id,
    ]);
    // The door a member's request goes through (doors.ts), then the access check's read (http/access.ts).
    await enterRole(tx, 'authenticated', { sub: user!.id, role: 'authenticated' });
    await tx.query('select role from public.organization_members where org_id = $1 and user_id = $2', [
      service.org_id,
      user!.id,
    ]);
    const other = service.manual_status === 'operational' ? 'degraded_performance' : 'operational';
    await setManualStatus(tx, service.org_id, service.id, other, { source: 'manual', message: null });
    // What the commit would run (deferred constraint triggers), still inside the doomed transaction.
    await tx.query('set constraints all immediate');
    throw rolledBack;
  }).catch((error: unknown) => {
    if (error !== rolledBack) throw error;
  });
}
