#!/usr/bin/env node
// Creates the next migration for both databases from the change in prisma/schema.prisma.
// Usage: node libs/db/scripts/new-migration.mjs <name>      (name: lower_snake_case)
//
// Prisma 7's CLI cannot diff offline (it downloads a native engine), so the SQL comes from Prisma
// 6.19.3's JavaScript schema engine, installed on first use into a scratch folder under the system
// temp directory (needs the npm registry once). The diff runs between two schema files:
// prisma/migrations/schema.snapshot.prisma (the schema the last migration was made from) and
// prisma/schema.prisma; no database is involved. The snapshot is updated afterwards.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deriveSchema, MIGRATIONS_DIR, PROVIDERS, readSourceSchema, REPO_ROOT } from './schema-variants.mjs';

const PRISMA_DIFF_VERSION = '6.19.3';
const SNAPSHOT_PATH = join(MIGRATIONS_DIR, 'schema.snapshot.prisma');
const SNAPSHOT_HEADER =
  '// The schema the newest migration was generated from, written by libs/db/scripts/new-migration.mjs.\n' +
  '// Do not edit: the next migration is the diff between this file and prisma/schema.prisma.\n';
const SCRATCH_DIR = join(tmpdir(), `visioncad-prisma-${PRISMA_DIFF_VERSION}`);
const ADAPTER_MODULE = pathToFileURL(join(REPO_ROOT, 'libs/db/scripts/offline-diff-adapter.mjs')).href;
const DIFF_URL = {
  sqlite: 'file:./offline-diff.db',
  postgresql: 'postgresql://offline-diff@localhost:5432/offline',
};
const EMPTY_DIFF = /^\s*-- This is an empty migration\.\s*$/;
// Migrations that create (or, on SQLite, redefine) AuditLog need its append-only triggers (again).
const AUDIT_TABLE_CREATED = {
  sqlite: /CREATE TABLE "(?:new_)?AuditLog"/,
  postgresql: /CREATE TABLE "AuditLog"/,
};

function fail(message) {
  console.error(`new-migration: ${message}`);
  process.exit(1);
}

function ensurePrismaForDiff() {
  const cli = join(SCRATCH_DIR, 'node_modules/prisma/build/index.js');
  const manifest = join(SCRATCH_DIR, 'node_modules/prisma/package.json');
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === PRISMA_DIFF_VERSION)
    return cli;
  console.log(`Installing prisma@${PRISMA_DIFF_VERSION} into ${SCRATCH_DIR} (once) ...`);
  mkdirSync(SCRATCH_DIR, { recursive: true });
  writeFileSync(join(SCRATCH_DIR, 'package.json'), '{ "name": "visioncad-prisma-diff", "private": true }\n');
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', `prisma@${PRISMA_DIFF_VERSION}`],
    {
      cwd: SCRATCH_DIR,
      stdio: 'inherit',
    },
  );
  return cli;
}

function diff(cli, provider, fromSchema, toSchema) {
  const dir = join(SCRATCH_DIR, 'work', provider);
  mkdirSync(dir, { recursive: true });
  const toPath = join(dir, 'to.prisma');
  writeFileSync(toPath, deriveSchema(toSchema, { provider, schemaDir: dir, url: DIFF_URL[provider] }));
  const from = ['--from-empty'];
  if (fromSchema !== null) {
    const fromPath = join(dir, 'from.prisma');
    writeFileSync(fromPath, deriveSchema(fromSchema, { provider, schemaDir: dir, url: DIFF_URL[provider] }));
    from.splice(0, 1, '--from-schema-datamodel', fromPath);
  }
  const configPath = join(dir, 'prisma.config.ts');
  writeFileSync(
    configPath,
    [
      "import { defineConfig } from 'prisma/config';",
      `import { offlineDiffAdapter } from ${JSON.stringify(ADAPTER_MODULE)};`,
      'export default defineConfig({',
      '  experimental: { adapter: true },',
      "  engine: 'js',",
      `  schema: ${JSON.stringify(toPath)},`,
      `  adapter: async () => offlineDiffAdapter(${JSON.stringify(provider === 'postgresql' ? 'postgres' : 'sqlite')}),`,
      '});',
      '',
    ].join('\n'),
  );
  // Prisma looks for its native engines before running any command; the JS engine never uses them.
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
  const args = [
    cli,
    'migrate',
    'diff',
    '--config',
    configPath,
    ...from,
    '--to-schema-datamodel',
    toPath,
    '--script',
  ];
  try {
    return execFileSync(process.execPath, args, {
      cwd: dir,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    fail(`prisma migrate diff (${provider}) failed:\n${error.stderr || error.message}`);
  }
}

function timestamp(date) {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const name = process.argv[2];
if (name === undefined || !/^[a-z0-9]+(?:_[a-z0-9]+)*$/.test(name)) {
  fail(
    'usage: node libs/db/scripts/new-migration.mjs <name>, with name in lower_snake_case (e.g. add_lesion_notes)',
  );
}

const schema = readSourceSchema();
const snapshot = existsSync(SNAPSHOT_PATH)
  ? readFileSync(SNAPSHOT_PATH, 'utf8').replace(SNAPSHOT_HEADER, '')
  : null;
const cli = ensurePrismaForDiff();
const scripts = Object.fromEntries(
  PROVIDERS.map((provider) => [provider, diff(cli, provider, snapshot, schema)]),
);
if (PROVIDERS.every((provider) => EMPTY_DIFF.test(scripts[provider]))) {
  fail('prisma/schema.prisma has no database changes since the last migration; nothing to do');
}

const folder = `${timestamp(new Date())}_${name}`;
for (const provider of PROVIDERS) {
  let script = scripts[provider];
  if (AUDIT_TABLE_CREATED[provider].test(script)) {
    const triggers = readFileSync(
      join(REPO_ROOT, `prisma/triggers/audit-log-append-only.${provider}.sql`),
      'utf8',
    );
    script = `${script.trimEnd()}\n\n${triggers}`;
  }
  const providerDir = join(MIGRATIONS_DIR, provider);
  const lockPath = join(providerDir, 'migration_lock.toml');
  mkdirSync(join(providerDir, folder), { recursive: true });
  if (!existsSync(lockPath)) {
    writeFileSync(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\n' +
        `provider = "${provider}"\n`,
    );
  }
  const path = join(providerDir, folder, 'migration.sql');
  writeFileSync(path, script);
  console.log(`wrote ${relative(REPO_ROOT, path)}`);
}
writeFileSync(SNAPSHOT_PATH, SNAPSHOT_HEADER + schema);
console.log(`updated ${relative(REPO_ROOT, SNAPSHOT_PATH)}`);
