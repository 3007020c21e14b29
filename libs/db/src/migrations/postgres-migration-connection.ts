import pg from 'pg';
import { redactDatabaseUrl } from '../database-url';
import { MIGRATIONS_TABLE, type MigrationConnection, type MigrationRecord } from './migration-connection';

/**
 * Prisma Migrate's advisory lock key (schema-engine flavour/postgres.rs). Taking the same key means
 * this runner and a `prisma migrate deploy` elsewhere never migrate the same database at once.
 */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** How long a migrating process waits for another one to finish before giving up. */
const LOCK_WAIT_MS = 5 * 60_000;
const LOCK_POLL_MS = 200;

// Prisma's schema engine (sql-schema-connector, flavour/postgres.rs) creates exactly this table.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

/** The PostgreSQL side of the migration runner: one session, Prisma's advisory lock held throughout. */
export class PostgresMigrationConnection implements MigrationConnection {
  readonly provider = 'postgresql' as const;
  readonly label: string;
  private locked = false;

  private constructor(
    private readonly client: pg.Client,
    url: string,
  ) {
    this.label = redactDatabaseUrl(url);
  }

  /** Connects to the database a postgres(ql):// URL names. */
  static async connect(url: string): Promise<PostgresMigrationConnection> {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(
        `Cannot connect to PostgreSQL at ${redactDatabaseUrl(url)}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    return new PostgresMigrationConnection(client, url);
  }

  async lockForRun(): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const { rows } = await this.client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [PRISMA_ADVISORY_LOCK_KEY],
      );
      if (rows[0].locked) break;
      if (Date.now() > deadline) {
        throw new Error(
          `${this.label}: another session has held the migration lock (pg_advisory_lock ${PRISMA_ADVISORY_LOCK_KEY}) ` +
            `for over ${LOCK_WAIT_MS / 1000}s; find it with SELECT pid FROM pg_locks WHERE locktype = 'advisory'`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    this.locked = true;
  }

  async begin(): Promise<void> {
    await this.client.query('BEGIN');
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK');
  }

  async listTables(): Promise<string[]> {
    const { rows } = await this.client.query<{ name: string }>(
      'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
    );
    return rows.map((row) => row.name).filter((name) => name !== MIGRATIONS_TABLE);
  }

  async hasMigrationsTable(): Promise<boolean> {
    const { rows } = await this.client.query(
      'SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1',
      [MIGRATIONS_TABLE],
    );
    return rows.length > 0;
  }

  async createMigrationsTable(): Promise<void> {
    await this.client.query(CREATE_MIGRATIONS_TABLE);
  }

  async listMigrations(): Promise<MigrationRecord[]> {
    const { rows } = await this.client.query<MigrationRow>(
      `SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, applied_steps_count, logs
       FROM _prisma_migrations ORDER BY started_at ASC`,
    );
    return rows.map((row) => ({
      id: row.id,
      checksum: row.checksum,
      migrationName: row.migration_name,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      rolledBackAt: row.rolled_back_at,
      appliedStepsCount: row.applied_steps_count,
      logs: row.logs,
    }));
  }

  async insertMigration(record: MigrationRecord): Promise<void> {
    await this.client.query(
      `INSERT INTO _prisma_migrations
         (id, checksum, migration_name, started_at, finished_at, rolled_back_at, applied_steps_count, logs)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        record.id,
        record.checksum,
        record.migrationName,
        record.startedAt,
        record.finishedAt,
        record.rolledBackAt,
        record.appliedStepsCount,
        record.logs,
      ],
    );
  }

  async markMigrationFinished(id: string, finishedAt: Date): Promise<void> {
    await this.client.query(
      'UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = $1 WHERE id = $2',
      [finishedAt, id],
    );
  }

  async executeScript(script: string): Promise<void> {
    // Without parameters pg uses the simple query protocol, which accepts a multi-statement script.
    await this.client.query(script);
  }

  async close(): Promise<void> {
    try {
      if (this.locked) await this.client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    } finally {
      await this.client.end();
    }
  }
}
