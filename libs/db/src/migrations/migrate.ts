import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { databaseUrlOf, type Db } from '../client';
import { resolveDatabaseUrl } from '../data-dir';
import { assertSupportedPostgresUrl, databaseProvider, sqliteFilePath } from '../database-url';
import { resolveRepoRoot } from '../repo-root';
import { scriptMatchesChecksum } from './checksum';
import type { MigrationConnection, MigrationRecord } from './migration-connection';
import { readMigrationFiles, resolveMigrationsDir, type MigrationFile } from './migration-directory';
import { PostgresMigrationConnection } from './postgres-migration-connection';
import { SqliteMigrationConnection } from './sqlite-migration-connection';

export interface MigrateResult {
  /** Migrations this call applied, in order. */
  applied: string[];
  /** Migrations that were already applied (by an earlier run or a concurrent process). */
  alreadyApplied: string[];
}

export interface MigrateOptions {
  /** A Prisma migrations folder; default prisma/migrations/<provider> of this checkout. */
  migrationsDir?: string;
}

/** Opens the raw migration connection for a DATABASE_URL. */
export async function openMigrationConnection(url: string): Promise<MigrationConnection> {
  if (databaseProvider(url) === 'sqlite')
    return new SqliteMigrationConnection(sqliteFilePath(url, resolveRepoRoot));
  assertSupportedPostgresUrl(url);
  return PostgresMigrationConnection.connect(url);
}

function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd.startsWith('..') ? path : fromCwd;
}

/** Refuses to go on when the recorded history disagrees with the committed migrations. */
function checkHistory(records: MigrationRecord[], files: MigrationFile[], label: string): void {
  const failed = records.filter((r) => r.finishedAt === null && r.rolledBackAt === null);
  if (failed.length > 0) {
    const list = failed
      .map(
        (r) =>
          `${r.migrationName} (started ${r.startedAt.toISOString()}${r.logs ? `: ${r.logs.trim()}` : ''})`,
      )
      .join('; ');
    throw new Error(
      `${label} has failed migrations that were not rolled back: ${list}. Inspect the database, then record the ` +
        'outcome with `prisma migrate resolve --rolled-back <name>` or `--applied <name>`.',
    );
  }
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const record of records.filter((r) => r.finishedAt !== null && r.rolledBackAt === null)) {
    const file = byName.get(record.migrationName);
    if (file === undefined) {
      throw new Error(
        `${label} has migration ${record.migrationName} applied, but it is not in this checkout's migrations ` +
          'folder: the database is newer than this code. Update the checkout before starting it.',
      );
    }
    if (!scriptMatchesChecksum(file.script, record.checksum)) {
      throw new Error(
        `${displayPath(file.path)} was changed after it was applied to ${label} (recorded checksum ` +
          `${record.checksum}, file now ${file.checksum}). Applied migrations must not be edited: restore the ` +
          'file and put the change in a new migration (node libs/db/scripts/new-migration.mjs <name>).',
      );
    }
  }
}

// Runs in this process, per database URL. The database locks order separate processes, but
// better-sqlite3 waits for a lock synchronously: a second in-process run would block the event loop
// while the first one, on the same thread, could never finish.
const runsInProcess = new Map<string, Promise<MigrateResult>>();

/**
 * Applies pending migrations from prisma/migrations/<provider>, each in its own transaction, keeping
 * Prisma's `_prisma_migrations` table as `prisma migrate deploy` would. Safe to run from several
 * processes at once and on every start.
 */
export async function migrate(target?: string | Db, options: MigrateOptions = {}): Promise<MigrateResult> {
  const url =
    target === undefined ? resolveDatabaseUrl() : typeof target === 'string' ? target : databaseUrlOf(target);
  const previous = runsInProcess.get(url);
  const run = (previous ?? Promise.resolve()).catch(() => undefined).then(() => migrateNow(url, options));
  runsInProcess.set(url, run);
  try {
    return await run;
  } finally {
    if (runsInProcess.get(url) === run) runsInProcess.delete(url);
  }
}

async function migrateNow(url: string, options: MigrateOptions): Promise<MigrateResult> {
  const provider = databaseProvider(url);
  const files = readMigrationFiles(options.migrationsDir ?? resolveMigrationsDir(provider), provider);
  const connection = await openMigrationConnection(url);
  const applied: string[] = [];
  try {
    await connection.lockForRun();
    for (;;) {
      await connection.begin();
      let pending: MigrationFile | undefined;
      try {
        if (!(await connection.hasMigrationsTable())) {
          const tables = await connection.listTables();
          if (tables.length > 0) {
            throw new Error(
              `${connection.label} already has tables (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', ...' : ''}) ` +
                'but no _prisma_migrations table, so its schema is unknown. Point DATABASE_URL at an empty ' +
                'database, or baseline it with `prisma migrate resolve --applied <name>`.',
            );
          }
          await connection.createMigrationsTable();
        }
        const records = await connection.listMigrations();
        checkHistory(records, files, connection.label);
        const done = new Set(records.filter((r) => r.rolledBackAt === null).map((r) => r.migrationName));
        pending = files.find((file) => !done.has(file.name));
        if (pending === undefined) {
          await connection.commit();
          const alreadyApplied = files.map((file) => file.name).filter((name) => !applied.includes(name));
          return { applied, alreadyApplied };
        }
      } catch (error) {
        await connection.rollback();
        throw error;
      }
      await applyMigration(connection, pending);
      applied.push(pending.name);
    }
  } finally {
    await connection.close();
  }
}

/** Applies one migration inside the transaction begin() opened; a failure is rolled back and logged. */
async function applyMigration(connection: MigrationConnection, file: MigrationFile): Promise<void> {
  const record: MigrationRecord = {
    id: randomUUID(),
    checksum: file.checksum,
    migrationName: file.name,
    startedAt: new Date(),
    finishedAt: null,
    rolledBackAt: null,
    appliedStepsCount: 0,
    logs: null,
  };
  try {
    await connection.insertMigration(record);
    await connection.executeScript(file.script);
    await connection.markMigrationFinished(record.id, new Date());
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    const message = error instanceof Error ? error.message : String(error);
    // Recorded as rolled back: Prisma then treats the migration as not applied, which is the truth.
    let unrecorded = '';
    try {
      await connection.insertMigration({ ...record, rolledBackAt: new Date(), logs: message });
    } catch (recordError) {
      unrecorded = ` (the failure could not be recorded in _prisma_migrations: ${(recordError as Error).message})`;
    }
    throw new Error(
      `Migration ${file.name} (${displayPath(file.path)}) failed on ${connection.label} and was rolled back: ` +
        `${message}${unrecorded}`,
      { cause: error },
    );
  }
}
