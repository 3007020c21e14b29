import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { resolveDatabaseUrl } from './data-dir';
import { assertSupportedPostgresUrl, databaseProvider, sqliteFilePath } from './database-url';
import { PrismaClient as PostgresPrismaClient } from './generated/postgresql/client';
import { PrismaClient as SqlitePrismaClient } from './generated/sqlite/client';
import { resolveRepoRoot } from './repo-root';

/**
 * A Prisma client for the VisionCAD schema. Both generated clients come from the same models, so
 * their query APIs are the same; the SQLite client's type is used for both because SQLite's API is
 * the common subset (no case-insensitive `mode`, no `skipDuplicates`).
 */
export type Db = SqlitePrismaClient;

/** How long a SQLite connection waits for another process's write lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

const urlOfClient = new WeakMap<Db, string>();

/** Opens a Prisma client for a DATABASE_URL, with the driver adapter its scheme selects. */
export function createDb(url: string): Db {
  let db: Db;
  if (databaseProvider(url) === 'sqlite') {
    const file = sqliteFilePath(url, resolveRepoRoot);
    db = new SqlitePrismaClient({
      adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS }),
    });
  } else {
    assertSupportedPostgresUrl(url);
    db = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  urlOfClient.set(db, url);
  return db;
}

/** The DATABASE_URL a client made by createDb/getDb was opened with. */
export function databaseUrlOf(db: Db): string {
  const url = urlOfClient.get(db);
  if (url === undefined)
    throw new Error('This Prisma client was not created by @visioncad/db createDb()/getDb()');
  return url;
}

// Kept on globalThis so that module reloading (Next.js dev, vitest) does not open a client per reload.
const holder = globalThis as typeof globalThis & { __visioncadDb?: { url: string; db: Db } };

/** The process-wide client for resolveDatabaseUrl(); reopened if DATABASE_URL changed since. */
export function getDb(): Db {
  const url = resolveDatabaseUrl();
  if (holder.__visioncadDb?.url !== url) {
    const previous = holder.__visioncadDb?.db;
    holder.__visioncadDb = { url, db: createDb(url) };
    void previous?.$disconnect();
  }
  return holder.__visioncadDb.db;
}
