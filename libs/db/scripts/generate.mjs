#!/usr/bin/env node
// Generates the SQLite and PostgreSQL Prisma clients into libs/db/src/generated/<provider>, offline.
// Prisma's CLI insists on locating its native schema engine before any command, although `generate`
// never runs it; the engine cannot be downloaded here, so PRISMA_SCHEMA_ENGINE_BINARY points at an
// existing file (node itself) unless the caller already set it.
// Usage: node libs/db/scripts/generate.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { deriveSchema, GENERATED_DIR, readSourceSchema, REPO_ROOT, SCHEMA_PATH } from './schema-variants.mjs';

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

/** Runs `prisma generate` for one schema file and resolves with its combined output. */
function generate(schemaPath) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [prismaCli, 'generate', '--schema', schemaPath], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const where = relative(REPO_ROOT, schemaPath);
      if (code === 0) resolvePromise(`${where}: ${output.trim().split('\n').at(-1)}`);
      else reject(new Error(`prisma generate --schema ${where} failed (exit ${code}):\n${output}`));
    });
  });
}

const source = readSourceSchema();
mkdirSync(GENERATED_DIR, { recursive: true });
const postgresSchemaPath = join(GENERATED_DIR, 'schema.postgresql.prisma');
writeFileSync(
  postgresSchemaPath,
  '// Derived from prisma/schema.prisma by libs/db/scripts/generate.mjs. Do not edit.\n' +
    deriveSchema(source, { provider: 'postgresql', schemaDir: GENERATED_DIR }),
);

try {
  const results = await Promise.all([generate(SCHEMA_PATH), generate(postgresSchemaPath)]);
  for (const line of results) console.log(line);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
