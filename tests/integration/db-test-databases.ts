// Throw-away databases for the data-layer integration tests: SQLite files in a temp folder, or
// uniquely named PostgreSQL databases created through VISIONCAD_TEST_PG_URL and dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseProvider } from '../../libs/db/src/index';

export interface TestDatabases {
  provider: DatabaseProvider;
  /** A temp folder for files the test writes (credentials, migration copies). */
  scratchDir: string;
  /** Creates a new, empty database and returns its URL. */
  create(): Promise<string>;
  /** Drops every database create() made and removes the scratch folder. */
  cleanup(): Promise<void>;
}

/** SQLite databases: one file each in a temp folder. */
export async function sqliteTestDatabases(): Promise<TestDatabases> {
  const scratchDir = mkdtempSync(join(tmpdir(), 'visioncad-db-sqlite-'));
  let count = 0;
  return {
    provider: 'sqlite',
    scratchDir,
    async create() {
      count += 1;
      return `file:${join(scratchDir, `test-${count}.db`)}`;
    },
    async cleanup() {
      rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL databases named visioncad_test_<pid>_<random>_<n>, made through the server at adminUrl. */
export async function postgresTestDatabases(adminUrl: string): Promise<TestDatabases> {
  const scratchDir = mkdtempSync(join(tmpdir(), 'visioncad-db-pg-'));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const prefix = `visioncad_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const created: string[] = [];
  return {
    provider: 'postgresql',
    scratchDir,
    async create() {
      const name = `${prefix}_${created.length + 1}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async cleanup() {
      try {
        for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
        rmSync(scratchDir, { recursive: true, force: true });
      }
    },
  };
}
