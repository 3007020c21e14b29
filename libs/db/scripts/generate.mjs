#!/usr/bin/env node
// Generates the SQLite and PostgreSQL Prisma clients into libs/db/src/generated/<provider>, offline.
// Prisma's CLI insists on locating its native schema engine before any command, although `generate`
// never runs it; the engine cannot be downloaded here, so PRISMA_SCHEMA_ENGINE_BINARY points at an
// existing file (node itself) unless the caller already set it.
// Usage: node libs/db/scripts/generate.mjs [--if-stale]
//   --if-stale: do nothing when both clients exist and were generated from the same schema, Prisma
//   version and scripts (recorded in libs/db/src/generated/.stamp).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import {
  deriveSchema,
  GENERATED_DIR,
  PROVIDERS,
  readSourceSchema,
  REPO_ROOT,
  SCHEMA_PATH,
} from './schema-variants.mjs';

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');
const STAMP_PATH = join(GENERATED_DIR, '.stamp');

/** Identifies everything the generated code depends on. */
function inputsStamp(source) {
  const hash = createHash('sha256').update(source);
  for (const pkg of ['prisma/package.json', '@prisma/client/package.json']) {
    hash.update(JSON.parse(readFileSync(require.resolve(pkg), 'utf8')).version);
  }
  for (const script of ['generate.mjs', 'schema-variants.mjs']) {
    hash.update(readFileSync(new URL(script, import.meta.url)));
  }
  return hash.digest('hex');
}

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
const stamp = inputsStamp(source);
const generated = PROVIDERS.every((provider) => existsSync(join(GENERATED_DIR, provider, 'client.ts')));
if (
  process.argv.includes('--if-stale') &&
  generated &&
  existsSync(STAMP_PATH) &&
  readFileSync(STAMP_PATH, 'utf8').trim() === stamp
) {
  console.log('Prisma clients are up to date (libs/db/src/generated).');
  process.exit(0);
}
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
  writeFileSync(STAMP_PATH, `${stamp}\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
