import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const childEntry = fileURLToPath(new URL('./pglite-initdb-child.ts', import.meta.url));

/**
 * Creates a new PGlite data folder in a short-lived child process; a folder that has one already is
 * left alone. initdb is the most memory-hungry thing PGlite does (a second PGlite instance, the
 * initdb module, and V8's optimising compiler working through the hot Postgres code: over 1 GB peak),
 * and in-process its garbage stays resident for the life of the server. In a child it is returned
 * to the system when the child exits, and the baseline wasm compiler (`useBaselineWasmCompiler`) keeps
 * the child's own peak near half. Measured in docs/benchmarks.md.
 */
export async function initPgliteFolder(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const child = spawn(process.execPath, [childEntry, dataDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`PGlite initdb in ${dataDir} failed (exit ${code}):\n${stderr}`);
}
