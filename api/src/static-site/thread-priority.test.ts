import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** The nice value of one thread of this process (field 19 of its stat line). */
function niceOf(threadId: number): number {
  const stat = readFileSync(`/proc/self/task/${threadId}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe('lowerThisThreadPriority', () => {
  it('lowers the calling thread only, not the process', async () => {
    const moduleUrl = new URL('./thread-priority.ts', import.meta.url).href;
    const mainBefore = niceOf(process.pid);
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const { readlinkSync } = require('node:fs');
       import(${JSON.stringify(moduleUrl)}).then(({ lowerThisThreadPriority }) => {
         const applied = lowerThisThreadPriority(10);
         parentPort.postMessage({ applied, threadId: Number(readlinkSync('/proc/thread-self').split('/').pop()) });
         parentPort.once('message', () => process.exit(0));
       });`,
      { eval: true },
    );
    try {
      const { applied, threadId } = await new Promise<{ applied: boolean; threadId: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(applied).toBe(true);
      expect(threadId).not.toBe(process.pid);
      expect(niceOf(threadId)).toBe(10);
      expect(niceOf(process.pid)).toBe(mainBefore);
    } finally {
      worker.postMessage('done');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
  });
});
