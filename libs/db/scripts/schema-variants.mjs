// prisma/schema.prisma is the single source of the data model. It is written for SQLite; the
// PostgreSQL variant differs only in the datasource provider and the generator output, so it is
// derived here instead of being kept as a second, drifting copy.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCHEMA_PATH = join(REPO_ROOT, 'prisma/schema.prisma');
export const GENERATED_DIR = join(REPO_ROOT, 'libs/db/src/generated');
export const MIGRATIONS_DIR = join(REPO_ROOT, 'prisma/migrations');
export const PROVIDERS = ['sqlite', 'postgresql'];

const GENERATOR_OUTPUT = /(generator\s+client\s*\{[^}]*?\boutput\s*=\s*)"[^"]*"/;
const DATASOURCE_PROVIDER = /(datasource\s+db\s*\{[^}]*?\bprovider\s*=\s*)"[^"]*"/;

/** Reads prisma/schema.prisma and checks it has the blocks the variants rewrite. */
export function readSourceSchema(path = SCHEMA_PATH) {
  const source = readFileSync(path, 'utf8');
  if (!GENERATOR_OUTPUT.test(source)) {
    throw new Error(`${path}: expected a "generator client" block with an output = "..." line`);
  }
  if (!DATASOURCE_PROVIDER.test(source)) {
    throw new Error(`${path}: expected a "datasource db" block with a provider = "..." line`);
  }
  return source;
}

/**
 * Returns the schema text for one provider. `schemaDir` is where the text will be written (the
 * generator output is relative to it); `url` adds a datasource url for tools that still need one
 * (Prisma 6's migrate diff).
 */
export function deriveSchema(source, { provider, schemaDir, url }) {
  if (!PROVIDERS.includes(provider)) throw new Error(`unknown provider "${provider}"`);
  const output = relative(schemaDir, join(GENERATED_DIR, provider)).split('\\').join('/');
  let text = source
    .replace(GENERATOR_OUTPUT, `$1"${output}"`)
    .replace(DATASOURCE_PROVIDER, `$1"${provider}"`);
  if (url !== undefined) text = text.replace(DATASOURCE_PROVIDER, `$&\n  url      = ${JSON.stringify(url)}`);
  return text;
}
