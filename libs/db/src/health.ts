import { databaseUrlOf, getDb, type Db } from './client';
import { databaseProvider, redactDatabaseUrl, type DatabaseProvider } from './database-url';

export interface DatabaseHealth {
  ok: boolean;
  /** null when DATABASE_URL itself is unusable. */
  provider: DatabaseProvider | null;
  /** Migrations recorded as applied in _prisma_migrations. */
  migrations: number;
  error?: string;
}

/** A cheap liveness check for /api/health: can we query, and how many migrations are applied. */
export async function checkDatabase(db?: Db): Promise<DatabaseHealth> {
  let provider: DatabaseProvider | null = null;
  try {
    const client = db ?? getDb();
    provider = databaseProvider(databaseUrlOf(client));
    const rows = await client.$queryRawUnsafe<{ applied: bigint | number }[]>(
      'SELECT COUNT(*) AS applied FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return { ok: true, provider, migrations: Number(rows[0].applied) };
  } catch (error) {
    // Prisma's messages start with a multi-line call site; the cause is on the last line.
    const message = (error instanceof Error ? error.message : String(error)).trim().split('\n').at(-1) ?? '';
    return { ok: false, provider, migrations: 0, error: redactDatabaseUrl(message) };
  }
}
