import { join, resolve } from 'node:path';
import { databaseProvider } from './database-url';
import { resolveRepoRoot } from './repo-root';

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Where VisionCAD keeps its local state: $VISIONCAD_DATA_DIR, or <repo>/data. */
export function resolveDataDir(): string {
  const configured = env('VISIONCAD_DATA_DIR');
  return configured === undefined ? join(resolveRepoRoot(), 'data') : resolve(configured);
}

/** Where uploaded image bytes live: <dataDir>/storage. */
export function resolveStorageDir(): string {
  return join(resolveDataDir(), 'storage');
}

/** $DATABASE_URL (checked to be SQLite or PostgreSQL), or the embedded SQLite file in the data directory. */
export function resolveDatabaseUrl(): string {
  const configured = env('DATABASE_URL');
  if (configured === undefined) return `file:${join(resolveDataDir(), 'visioncad.db')}`;
  databaseProvider(configured);
  return configured;
}
