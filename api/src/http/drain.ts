import type { Server } from 'node:http';

/**
 * Counts the requests a server is answering, so a shutdown can wait for them (a write already
 * received finishes and is acknowledged; nothing is cut half-way). While draining, every answer says
 * `Connection: close`, so a keep-alive client does not send its next request to a closing process.
 */
export function trackRequests(server: Server) {
  let inFlight = 0;
  let draining = false;
  const idleWaiters = new Set<() => void>();
  server.on('request', (_req, res) => {
    inFlight++;
    if (draining && !res.headersSent) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) for (const wake of idleWaiters) wake();
    });
  });
  return {
    get inFlight() {
      return inFlight;
    },
    /** Stops taking connections and resolves when no request is in flight, or after `timeoutMs`. */
    drain(timeoutMs: number): Promise<'drained' | 'timed_out'> {
      draining = true;
      server.close();
      server.closeIdleConnections();
      if (inFlight === 0) return Promise.resolve('drained');
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          idleWaiters.delete(wake);
          resolve('drained');
        };
        const timer = setTimeout(() => {
          idleWaiters.delete(wake);
          resolve('timed_out');
        }, timeoutMs);
        idleWaiters.add(wake);
      });
    },
  };
}
