import { PGlite } from '@electric-sql/pglite';
import { setFlagsFromString } from 'node:v8';

/**
 * PGlite's start parameters with Postgres settings for one embedded connection. PGlite's defaults
 * (shared_buffers 160 MB) are sized for a server; in WebAssembly the buffers are touched at start and
 * a wasm heap never shrinks, so they stay resident for the life of the process. The data files are
 * read through the OS page cache, which serves a status page's small database just as well.
 * Measured in docs/benchmarks.md ("Embedded default").
 */
export const pgliteStartParams = [
  ...PGlite.defaultStartParams,
  ...['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB', '-c', 'temp_buffers=2MB'],
];

/**
 * Keeps PGlite's WebAssembly on V8's baseline compiler (Liftoff). By default V8 recompiles hot wasm
 * functions with its optimising compiler, and Postgres's hot functions are huge: that took the
 * process from 150 MB to over 450 MB within a few hundred queries (compiler memory and code that is
 * never returned) and made those queries several times slower while it ran. On Liftoff they stay
 * at 150 MB and run faster on this workload (docs/benchmarks.md, "Embedded default"). Applies to
 * every wasm module compiled afterwards in this process; only PGlite uses wasm here.
 */
export function useBaselineWasmCompiler(): void {
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
}
