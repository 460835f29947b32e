import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { OrgFolderJob, OrgFolderResult } from './org-folder-job.ts';

/** Renders and writes org folders (a pool of worker threads). */
export interface OrgFolderRunner {
  run(job: OrgFolderJob): Promise<OrgFolderResult>;
  close(): Promise<void>;
}

type Reply = { id: number; result: OrgFolderResult } | { id: number; error: string };
type Pending = { resolve: (r: OrgFolderResult) => void; reject: (e: Error) => void };

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  ready: Promise<void>;
}

const workerEntry = new URL('./render-worker.ts', import.meta.url);

function spawn(onGone: (w: PoolWorker) => void): PoolWorker {
  const worker = new Worker(workerEntry);
  const pending = new Map<number, Pending>();
  const self: PoolWorker = {
    worker,
    pending,
    ready: new Promise((resolve, reject) => {
      worker.once('message', (m: { ready: boolean; error?: string }) =>
        m.ready ? resolve() : reject(new Error(`render worker failed to load the site: ${m.error}`)),
      );
    }),
  };
  self.ready.catch(() => {}); // reported through run()
  // An idle worker does not keep the process alive; one with work does (the caller awaits it).
  worker.unref();
  worker.on('message', (reply: Reply | { ready: boolean }) => {
    if (!('id' in reply)) return;
    const job = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('error' in reply) job?.reject(new Error(reply.error));
    else job?.resolve(reply.result);
  });
  const fail = (error: Error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    onGone(self);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`render worker exited (${code})`)));
  return self;
}

/**
 * A pool of `size` worker threads (default: one per core), each with its own copy of the built
 * site, so rendering and file writes run beside the thread that reads the database. A job goes to
 * the worker with the fewest jobs in flight; the caller bounds how many it sends (the queue in each
 * worker is what it was given). A worker that dies fails its jobs and is replaced.
 */
export async function createRenderPool({ size = availableParallelism() } = {}): Promise<OrgFolderRunner> {
  let closed = false;
  let nextId = 0;
  const workers: PoolWorker[] = [];
  const replace = (gone: PoolWorker) => {
    const at = workers.indexOf(gone);
    if (at >= 0 && !closed) workers[at] = spawn(replace);
  };
  for (let i = 0; i < Math.max(1, size); i++) workers.push(spawn(replace));
  await Promise.all(workers.map((w) => w.ready));
  return {
    run(job) {
      if (closed) return Promise.reject(new Error('render pool closed'));
      const target = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<OrgFolderResult>((resolve, reject) => {
        // Counted at once, so jobs sent in the same tick spread over the workers.
        target.pending.set(id, { resolve, reject });
        target.worker.ref();
        target.ready.then(() => target.worker.postMessage({ id, job }), reject);
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
