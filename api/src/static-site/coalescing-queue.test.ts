import { describe, expect, it } from 'vitest';
import { CoalescingQueue } from './coalescing-queue.ts';

/** A job whose runs the test finishes by hand. */
function gatedJob() {
  const runs: string[] = [];
  const gates: (() => void)[] = [];
  return {
    runs,
    release: () => gates.shift()?.(),
    job: (key: string) => {
      runs.push(key);
      return new Promise<void>((resolve) => gates.push(resolve));
    },
  };
}

describe('CoalescingQueue', () => {
  it('turns 50 requests for one key into 2 runs: the running one and one more', async () => {
    const gated = gatedJob();
    const queue = new CoalescingQueue({ job: gated.job, onError: () => {} });
    for (let i = 0; i < 50; i++) queue.request('org-a');
    expect(gated.runs).toEqual(['org-a']);
    gated.release();
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(gated.runs).toEqual(['org-a', 'org-a']);
    gated.release();
    await queue.idle();
    expect(queue.stats()).toMatchObject({ runs: 2, running: 0, waiting: 0 });
  });

  it('runs different keys side by side up to the concurrency, the rest in order', async () => {
    const gated = gatedJob();
    const queue = new CoalescingQueue({ job: gated.job, concurrency: 2, onError: () => {} });
    for (const key of ['a', 'b', 'c', 'a']) queue.request(key);
    expect(gated.runs).toEqual(['a', 'b']);
    gated.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(gated.runs).toEqual(['a', 'b', 'c']);
    while (queue.stats().running) {
      gated.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await queue.idle();
    expect(gated.runs.filter((k) => k === 'a')).toHaveLength(2);
  });

  it('counts a failed run, reports it, and keeps serving', async () => {
    const errors: string[] = [];
    let fail = true;
    const queue = new CoalescingQueue({
      job: async () => {
        if (fail) throw new Error('boom');
      },
      onError: (key, error) => errors.push(`${key}: ${(error as Error).message}`),
    });
    queue.request('x');
    await queue.idle();
    fail = false;
    queue.request('x');
    await queue.idle();
    expect(errors).toEqual(['x: boom']);
    expect(queue.stats()).toMatchObject({ runs: 2, failures: 1 });
  });

  it('requestSoon runs after the current turn’s promise chains, once per key, and counts as waiting meanwhile', async () => {
    const gated = gatedJob();
    const queue = new CoalescingQueue({ job: gated.job, onError: () => {} });
    const order: string[] = [];
    queue.requestSoon('org-a');
    queue.requestSoon('org-a');
    // A chain of promise steps begun in the same turn (the writer's answer) finishes before the job starts.
    const chain = (async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
      order.push('answer');
    })();
    expect(gated.runs).toEqual([]);
    expect(queue.stats()).toMatchObject({ running: 0, waiting: 1 });
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await chain;
    await new Promise((resolve) => setImmediate(resolve));
    order.push(...gated.runs);
    expect(order).toEqual(['answer', 'org-a']);
    expect(idle).toBe(false);
    gated.release();
    await queue.idle();
    expect(queue.stats()).toMatchObject({ runs: 1, running: 0, waiting: 0 });
  });

  it('clear drops requests not yet started by requestSoon', async () => {
    const gated = gatedJob();
    const queue = new CoalescingQueue({ job: gated.job, onError: () => {} });
    queue.requestSoon('org-a');
    queue.clear();
    await new Promise((resolve) => setImmediate(resolve));
    await queue.idle();
    expect(gated.runs).toEqual([]);
  });
});
