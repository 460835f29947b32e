import type { OrgFolderRunner } from './render-pool.ts';

export interface LazyRunnerOptions {
  /** Starts the real runner (a worker pool); called on the first job and again after an idle stop. */
  start: () => Promise<OrgFolderRunner>;
  /** Stops the runner after this long without a job (its worker's heap goes back to the system). */
  idleMs: number;
}

/**
 * A runner that exists only while there is work: started by the first job, closed `idleMs` after
 * the last one finished. A render worker holds its own V8 heap with the site's bundle loaded (tens
 * of MB), and a status page changes rarely, so an idle server does not keep it.
 */
export function createLazyRunner({ start, idleMs }: LazyRunnerOptions): OrgFolderRunner {
  let current: Promise<OrgFolderRunner> | null = null;
  let inFlight = 0;
  let idleTimer: NodeJS.Timeout | null = null;

  const stop = async () => {
    const stopping = current;
    current = null;
    await (await stopping?.catch(() => null))?.close();
  };
  const armIdleStop = () => {
    idleTimer = setTimeout(() => void stop(), idleMs);
    idleTimer.unref();
  };

  return {
    async run(job) {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      inFlight++;
      try {
        current ??= start().catch((error: unknown) => {
          current = null;
          throw error;
        });
        return await (await current).run(job);
      } finally {
        if (--inFlight === 0) armIdleStop();
      }
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      await stop();
    },
  };
}
