import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveRepoRoot } from '../repo-root';
import { migrationChecksum } from './checksum';
import { readMigrationFiles, resolveMigrationsDir } from './migration-directory';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function migrationsFolder(provider: string, migrations: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'visioncad-migrations-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'migration_lock.toml'), `# comment\nprovider = "${provider}"\n`);
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(join(dir, name));
    if (sql !== null) writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('readMigrationFiles', () => {
  it('lists migrations in folder-name order with their checksums', () => {
    const dir = migrationsFolder('sqlite', { '20260102000000_b': 'B;', '20260101000000_a': 'A;' });
    const files = readMigrationFiles(dir, 'sqlite');
    expect(files.map((f) => f.name)).toEqual(['20260101000000_a', '20260102000000_b']);
    expect(files[0].checksum).toBe(migrationChecksum('A;'));
    expect(files[1].path).toBe(join(dir, '20260102000000_b', 'migration.sql'));
  });

  it('refuses a folder locked to another provider or without a lock file', () => {
    const dir = migrationsFolder('postgresql', {});
    expect(() => readMigrationFiles(dir, 'sqlite')).toThrow(
      /is for provider "postgresql" but the database is sqlite/,
    );
    rmSync(join(dir, 'migration_lock.toml'));
    expect(() => readMigrationFiles(dir, 'sqlite')).toThrow(/migration_lock.toml is missing/);
  });

  it('names a migration folder without migration.sql', () => {
    const dir = migrationsFolder('sqlite', { '20260101000000_empty': null });
    expect(() => readMigrationFiles(dir, 'sqlite')).toThrow(/20260101000000_empty.migration\.sql is missing/);
  });
});

describe('the committed migrations', () => {
  it('exist for both databases under the same names', () => {
    const sqlite = readMigrationFiles(resolveMigrationsDir('sqlite'), 'sqlite').map((f) => f.name);
    const postgresql = readMigrationFiles(resolveMigrationsDir('postgresql'), 'postgresql').map(
      (f) => f.name,
    );
    expect(sqlite.length).toBeGreaterThan(0);
    expect(postgresql).toEqual(sqlite);
  });

  it('were generated from the current prisma/schema.prisma (run new-migration.mjs after editing it)', () => {
    const root = resolveRepoRoot();
    // Comments do not change the database, so they may differ.
    const significant = (text: string) =>
      text
        .split('\n')
        .map((line) => line.replace(/\/\/.*$/, '').trim())
        .filter((line) => line !== '')
        .join('\n');
    const schema = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');
    const snapshot = readFileSync(join(root, 'prisma/migrations/schema.snapshot.prisma'), 'utf8');
    expect(
      significant(snapshot),
      'prisma/schema.prisma changed since the last migration: run node libs/db/scripts/new-migration.mjs <name>',
    ).toBe(significant(schema));
  });
});
