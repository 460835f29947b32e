import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the CPU priority of the calling thread only (Linux gives each thread its own nice value,
 * addressed by its thread id, which `/proc/thread-self` names). The site's render worker calls it:
 * on a small machine a render competes for the same cores as the live streams' socket writes and
 * whoever reads them, and a static file a few milliseconds later matters less than an event
 * (docs/benchmarks.md, "SSE fan-out"). Elsewhere (no /proc, or refused) it does nothing; returns
 * whether it took effect.
 */
export function lowerThisThreadPriority(nice: number): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}
