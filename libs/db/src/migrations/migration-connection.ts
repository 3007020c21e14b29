import type { DatabaseProvider } from '../database-url';

/** One row of Prisma's `_prisma_migrations` bookkeeping table. */
export interface MigrationRecord {
  id: string;
  checksum: string;
  migrationName: string;
  startedAt: Date;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
  appliedStepsCount: number;
  logs: string | null;
}

/**
 * A raw connection the migration runner drives. Prisma's driver adapters cannot run a multi-statement
 * script inside a caller-controlled transaction, so the runner talks to better-sqlite3 and pg directly.
 */
export interface MigrationConnection {
  readonly provider: DatabaseProvider;
  /** The database, as named in messages (file path or password-free URL). */
  readonly label: string;
  /** Takes whatever lock must be held for the whole run (PostgreSQL: Prisma's advisory lock). */
  lockForRun(): Promise<void>;
  /** Starts a transaction that excludes other migrating processes (SQLite: BEGIN IMMEDIATE). */
  begin(): Promise<void>;
  /** Checks the transaction's result (SQLite: foreign keys) and commits it. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Tables in the target schema other than `_prisma_migrations`. */
  listTables(): Promise<string[]>;
  /** Whether `_prisma_migrations` exists. */
  hasMigrationsTable(): Promise<boolean>;
  /** Creates `_prisma_migrations` with the DDL Prisma's schema engine uses. */
  createMigrationsTable(): Promise<void>;
  listMigrations(): Promise<MigrationRecord[]>;
  insertMigration(record: MigrationRecord): Promise<void>;
  /** Marks a started migration done as Prisma does: one more applied step, finished_at set. */
  markMigrationFinished(id: string, finishedAt: Date): Promise<void>;
  executeScript(script: string): Promise<void>;
  /** Releases the run lock and closes the connection. */
  close(): Promise<void>;
}

/** Prisma's name for its bookkeeping table. */
export const MIGRATIONS_TABLE = '_prisma_migrations';
