import type { Database } from '../db/types.ts';
import type { HoldStatus } from '../contract/status.ts';
import { asSystem } from '../db/doors.ts';
import { setManualStatus } from './set-manual-status.ts';

const rolledBack = Symbol('warm-up rolled back');

/**
 * Runs one status write at start, in a transaction that is rolled back: nothing is written, no event
 * is numbered or notified. On PGlite the database runs in this thread, and the first write of a
 * process otherwise paid for what its first execution loads once per connection (catalog entries of
 * the tables, triggers and policies it touches, the compiled PL/pgSQL functions and their plans) plus
 * V8's first compilation of the write's code: the first change after start took several times the
 * tenth (docs/benchmarks.md, "Write path"). Uses any one service; without any it does nothing.
 */
export async function warmStatusWrites(db: Database): Promise<void> {
  await asSystem(db, 'warm-up', async (tx) => {
    const [service] = await tx.query<{ org_id: string; id: string; manual_status: HoldStatus }>(
      'select org_id, id, manual_status from public.services limit 1',
    );
    if (!service) return;
    const other = service.manual_status === 'operational' ? 'degraded_performance' : 'operational';
    await setManualStatus(tx, service.org_id, service.id, other, { source: 'manual', message: null });
    throw rolledBack;
  }).catch((error: unknown) => {
    if (error !== rolledBack) throw error;
  });
}
