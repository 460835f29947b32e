import { describe, expect, it } from 'vitest';
import { createLazyRunner } from './lazy-runner.ts';
import type { OrgFolderRunner } from './render-pool.ts';
import type { OrgFolderJob, OrgFolderResult } from './org-folder-job.ts';

/** A stand-in pool that records its life and answers each job when told to. */
function recordingPools() {
  const log: string[] = [];
  let closed: () => void = () => {};
  const pending: (() => void)[] = [];
  let next = 0;
  const start = async (): Promise<OrgFolderRunner> => {
    const id = ++next;
    log.push(`start ${id}`);
    return {
      run: () => new Promise<OrgFolderResult>((resolve) => pending.push(() => resolve({} as OrgFolderResult))),
      close: async () => {
        log.push(`close ${id}`);
        closed();
      },
    };
  };
  const nextClose = () => new Promise<void>((resolve) => (closed = resolve));
  const finishAll = () => pending.splice(0).forEach((finish) => finish());
  const jobsWaiting = () => pending.length;
  return { log, start, nextClose, finishAll, jobsWaiting };
}

const job = {} as OrgFolderJob;
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
};

describe('createLazyRunner', () => {
  it('starts on the first job, shares it across jobs, stops when idle and starts again', async () => {
    const pools = recordingPools();
    const runner = createLazyRunner({ start: pools.start, idleMs: 10 });
    expect(pools.log).toEqual([]);

    const both = Promise.all([runner.run(job), runner.run(job)]);
    await until(() => pools.jobsWaiting() === 2);
    const closing = pools.nextClose();
    pools.finishAll();
    await both;
    await closing;
    expect(pools.log).toEqual(['start 1', 'close 1']);

    const again = runner.run(job);
    await until(() => pools.jobsWaiting() === 1);
    pools.finishAll();
    await again;
    await runner.close();
    expect(pools.log).toEqual(['start 1', 'close 1', 'start 2', 'close 2']);
  });

  it('does not stop while a job is in flight', async () => {
    const pools = recordingPools();
    const runner = createLazyRunner({ start: pools.start, idleMs: 1 });
    const first = runner.run(job);
    await until(() => pools.jobsWaiting() === 1);
    // Longer than idleMs with a job in flight: still one pool, never closed.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pools.log).toEqual(['start 1']);
    pools.finishAll();
    await first;
    await runner.close();
    expect(pools.log).toEqual(['start 1', 'close 1']);
  });
});
