import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseProvider = 'sqlite' | 'postgresql';

/** A URL (or a message containing URLs) with PostgreSQL passwords replaced by `***`. */
export function redactDatabaseUrl(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}

/** Which database a DATABASE_URL selects: postgres:// or postgresql:// is PostgreSQL, file: is SQLite. */
export function databaseProvider(url: string): DatabaseProvider {
  if (/^postgres(?:ql)?:\/\//i.test(url)) return 'postgresql';
  if (/^file:/i.test(url)) return 'sqlite';
  throw new Error(
    `DATABASE_URL "${redactDatabaseUrl(url)}" is not supported: use file:<path> for SQLite or ` +
      'postgresql://user:password@host:5432/database for PostgreSQL',
  );
}

/**
 * The database file a SQLite `file:` URL names, as an absolute path. Relative paths resolve against
 * `baseDir()` (the repository root) so every process (web, trainer, tests) finds the same file
 * whatever its working directory.
 */
export function sqliteFilePath(url: string, baseDir: () => string): string {
  if (databaseProvider(url) !== 'sqlite') {
    throw new Error(`DATABASE_URL "${redactDatabaseUrl(url)}" is not a SQLite file: URL`);
  }
  const withoutQuery = url.replace(/\?.*$/, '');
  const path = withoutQuery.startsWith('file://')
    ? fileURLToPath(withoutQuery)
    : withoutQuery.slice('file:'.length);
  if (path === '' || path === ':memory:') {
    throw new Error(
      `DATABASE_URL "${url}" must name a database file (an in-memory database cannot be shared)`,
    );
  }
  return isAbsolute(path) ? path : resolve(baseDir(), path);
}

/**
 * Checks a PostgreSQL URL for settings VisionCAD does not support: the tables live in the
 * database's default schema, so a `schema=` parameter would silently split data across schemas.
 */
export function assertSupportedPostgresUrl(url: string): void {
  const schema = new URL(url).searchParams.get('schema');
  if (schema !== null && schema !== 'public') {
    throw new Error(
      `DATABASE_URL "${redactDatabaseUrl(url)}" selects schema "${schema}"; VisionCAD keeps its tables in the ` +
        'public schema: point DATABASE_URL at a separate database instead',
    );
  }
}
