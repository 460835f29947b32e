// Preloaded into the product's process by bench/sse-fanout/run.ts only (`node --expose-gc --import`),
// never by the product itself: on SIGUSR2 it runs a full garbage collection and writes the process's
// RSS and live heap right after it to $BENCH_GC_REPORT (write, then rename), so the benchmark compares
// RSS after a forced GC on both sides, as it does over IPC for the bare server. A signal reaches a
// process only from its own user or root: no one else can trigger it.
import { renameSync, writeFileSync } from 'node:fs';

const report = process.env.BENCH_GC_REPORT;
const gc = (globalThis as { gc?: () => void }).gc;
if (!report || !gc) throw new Error('gc-on-signal: needs --expose-gc and BENCH_GC_REPORT');
let count = 0;
process.on('SIGUSR2', () => {
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  writeFileSync(`${report}.tmp`, JSON.stringify({ count: ++count, rss, heap: heapUsed }));
  renameSync(`${report}.tmp`, report);
});
