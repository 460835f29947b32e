// Runs PGlite's initdb on the folder given as argv[2], then exits (see pglite-initdb.ts).
import { PGlite } from '@electric-sql/pglite';
import { pgliteStartParams, useBaselineWasmCompiler } from './pglite-settings.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-initdb-child.ts <data folder>');
useBaselineWasmCompiler();
const pglite = await PGlite.create({ dataDir, startParams: pgliteStartParams });
await pglite.close();
