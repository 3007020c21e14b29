import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseProvider } from '../database-url';
import { resolveRepoRoot } from '../repo-root';
import { migrationChecksum } from './checksum';

/** One migration as committed: prisma/migrations/<provider>/<name>/migration.sql. */
export interface MigrationFile {
  name: string;
  path: string;
  script: string;
  checksum: string;
}

/** The committed migrations folder for a provider: <repo>/prisma/migrations/<provider>. */
export function resolveMigrationsDir(provider: DatabaseProvider): string {
  return join(resolveRepoRoot(), 'prisma', 'migrations', provider);
}

/**
 * Reads a Prisma migrations folder in the order Prisma applies it (folder names sorted), after
 * checking that its migration_lock.toml was written for the same provider.
 */
export function readMigrationFiles(dir: string, provider: DatabaseProvider): MigrationFile[] {
  const lockPath = join(dir, 'migration_lock.toml');
  if (!existsSync(lockPath)) {
    throw new Error(`${lockPath} is missing: ${dir} is not a Prisma migrations folder`);
  }
  const locked = /^\s*provider\s*=\s*"([^"]+)"/m.exec(readFileSync(lockPath, 'utf8'))?.[1];
  if (locked !== provider) {
    throw new Error(`${lockPath} is for provider "${locked ?? '(none)'}" but the database is ${provider}`);
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const path = join(dir, name, 'migration.sql');
      if (!existsSync(path))
        throw new Error(`${path} is missing: every migration folder needs a migration.sql`);
      const script = readFileSync(path, 'utf8');
      return { name, path, script, checksum: migrationChecksum(script) };
    });
}
