import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS_TABLE, type MigrationConnection, type MigrationRecord } from './migration-connection';

/** How long a migrating process waits for another one's write lock (BEGIN IMMEDIATE) before failing. */
const LOCK_WAIT_MS = 5 * 60_000;

// Prisma's schema engine (sql-schema-connector, flavour/sqlite.rs) creates exactly this table.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
`;

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: number | bigint | string;
  finished_at: number | bigint | string | null;
  rolled_back_at: number | bigint | string | null;
  applied_steps_count: number | bigint;
  logs: string | null;
}

// Prisma's SQLite driver (quaint) stores timestamps as Unix milliseconds; CURRENT_TIMESTAMP defaults
// are text. Both are read back.
function toDate(value: number | bigint | string): Date {
  if (typeof value === 'string' && !/^\d+$/.test(value))
    return new Date(value.includes('T') ? value : `${value}Z`);
  return new Date(Number(value));
}

/**
 * The SQLite side of the migration runner. Foreign-key enforcement is switched off for the run
 * (it cannot change inside a transaction) because Prisma's table redefinitions drop and re-create
 * tables, which would otherwise fire ON DELETE CASCADE / SET NULL on the rows that point at them;
 * PRAGMA foreign_key_check then verifies every migration before it commits, following SQLite's
 * documented procedure for schema changes.
 */
export class SqliteMigrationConnection implements MigrationConnection {
  readonly provider = 'sqlite' as const;
  readonly label: string;
  private readonly db: Database.Database;

  constructor(file: string) {
    this.label = file;
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: LOCK_WAIT_MS });
  }

  async lockForRun(): Promise<void> {
    // WAL lets the portal keep reading while the trainer writes; it is a property of the file.
    if (this.db.pragma('journal_mode', { simple: true }) !== 'wal') this.db.pragma('journal_mode = WAL');
    // Only this connection's setting: the app's own connections keep enforcing foreign keys.
    this.db.pragma('foreign_keys = OFF');
  }

  async begin(): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
  }

  async commit(): Promise<void> {
    const violations = this.db.pragma('foreign_key_check') as {
      table: string;
      rowid: number;
      parent: string;
    }[];
    if (violations.length > 0) {
      const sample = violations
        .slice(0, 5)
        .map((v) => `${v.table} rowid ${v.rowid} -> ${v.parent}`)
        .join('; ');
      throw new Error(`foreign key check failed for ${violations.length} row(s): ${sample}`);
    }
    this.db.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  async listTables(): Promise<string[]> {
    const rows = this.db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    return rows.map((row) => row.name).filter((name) => name !== MIGRATIONS_TABLE);
  }

  async hasMigrationsTable(): Promise<boolean> {
    return (
      this.db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(MIGRATIONS_TABLE) !== undefined
    );
  }

  async createMigrationsTable(): Promise<void> {
    this.db.exec(CREATE_MIGRATIONS_TABLE);
  }

  async listMigrations(): Promise<MigrationRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, applied_steps_count, logs
         FROM "_prisma_migrations" ORDER BY started_at ASC`,
      )
      .all() as MigrationRow[];
    return rows.map((row) => ({
      id: row.id,
      checksum: row.checksum,
      migrationName: row.migration_name,
      startedAt: toDate(row.started_at),
      finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
      rolledBackAt: row.rolled_back_at === null ? null : toDate(row.rolled_back_at),
      appliedStepsCount: Number(row.applied_steps_count),
      logs: row.logs,
    }));
  }

  async insertMigration(record: MigrationRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO "_prisma_migrations"
           (id, checksum, migration_name, started_at, finished_at, rolled_back_at, applied_steps_count, logs)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.checksum,
        record.migrationName,
        record.startedAt.getTime(),
        record.finishedAt?.getTime() ?? null,
        record.rolledBackAt?.getTime() ?? null,
        record.appliedStepsCount,
        record.logs,
      );
  }

  async markMigrationFinished(id: string, finishedAt: Date): Promise<void> {
    this.db
      .prepare(
        'UPDATE "_prisma_migrations" SET applied_steps_count = applied_steps_count + 1, finished_at = ? WHERE id = ?',
      )
      .run(finishedAt.getTime(), id);
  }

  async executeScript(script: string): Promise<void> {
    this.db.exec(script);
  }

  async close(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}
