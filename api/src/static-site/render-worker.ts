// A render worker thread (see render-pool.ts): loads the built site once, then renders and writes
// the org folders it is sent, one message per org. The database stays in the main thread.
import { parentPort } from 'node:worker_threads';
import { loadAstroRenderer } from './astro-renderer.ts';
import { runOrgFolderJob, type OrgFolderJob } from './org-folder-job.ts';
import { lowerThisThreadPriority } from './thread-priority.ts';

/** A job for the worker, as posted by the pool. */
export interface WorkerRequest {
  id: number;
  job: OrgFolderJob;
}

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread');

// Renders yield the cores to the API thread and the streams' readers (see thread-priority.ts).
lowerThisThreadPriority(10);

// The pool built the site before starting workers; a worker only loads it.
const astro = loadAstroRenderer({ ensureBuilt: false });
astro.then(
  () => port.postMessage({ ready: true }),
  (error: unknown) => port.postMessage({ ready: false, error: String(error) }),
);

port.on('message', async ({ id, job }: WorkerRequest) => {
  try {
    port.postMessage({ id, result: await runOrgFolderJob(await astro, job) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
