// Writes database/schema.sql, the whole schema for Supabase's SQL editor, from the migrations:
//   npm run db:schema
// The text comes from api/src/db/schema-sql.ts; database/tests/schema-sql.test.ts fails when the
// committed file differs from what this writes now.
import { writeFile, rename } from 'node:fs/promises';
import { buildSchemaSql, schemaSqlPath } from '../api/src/db/schema-sql.ts';

const text = await buildSchemaSql();
// Write-then-rename: an interrupted run never leaves half a file.
await writeFile(`${schemaSqlPath}.tmp`, text);
await rename(`${schemaSqlPath}.tmp`, schemaSqlPath);
console.log(`wrote ${schemaSqlPath} (${text.length} characters)`);
