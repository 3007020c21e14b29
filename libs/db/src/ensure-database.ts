import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrlOf, getDb, type Db } from './client';
import { resolveDataDir } from './data-dir';
import { migrate, type MigrateOptions } from './migrations/migrate';
import { seed, type SeedResult } from './seed';

export interface EnsureDatabaseOptions extends MigrateOptions {
  /** Default getDb(). */
  db?: Db;
  /** Default resolveDataDir(). */
  dataDir?: string;
  log?: (message: string) => void;
}

export interface EnsureDatabaseResult {
  /** Migrations applied by this call. */
  migrated: string[];
  /** The initial accounts, when this call created them; null when users already existed. */
  seeded: SeedResult | null;
}

/** Prepares a database for use on start: data and storage directories, pending migrations, first-run seed. */
export async function ensureDatabase(options: EnsureDatabaseOptions = {}): Promise<EnsureDatabaseResult> {
  const dataDir = options.dataDir ?? resolveDataDir();
  mkdirSync(join(dataDir, 'storage'), { recursive: true });
  const db = options.db ?? getDb();
  const { applied } = await migrate(databaseUrlOf(db), options);
  const result = await seed({ db, dataDir, log: options.log });
  return { migrated: applied, seeded: result.created ? result : null };
}
