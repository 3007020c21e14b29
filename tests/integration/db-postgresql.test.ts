import { describe, it } from 'vitest';
import { describeDataLayer } from './db-suite';
import { postgresTestDatabases } from './db-test-databases';

// The PostgreSQL server comes from VISIONCAD_TEST_PG_URL (a role that may CREATE DATABASE; each test
// file creates and drops its own databases). Locally the tests are skipped without it; on CI it is
// required, so a missing server fails the run instead of passing silently.
const adminUrl = process.env.VISIONCAD_TEST_PG_URL?.trim() || undefined;
const HOW = 'set VISIONCAD_TEST_PG_URL=postgresql://user:password@localhost:5432/postgres';

if (adminUrl === undefined && process.env.CI === 'true') {
  describe('data layer on PostgreSQL', () => {
    it('has a PostgreSQL server to test against', () => {
      throw new Error(`CI=true but VISIONCAD_TEST_PG_URL is not set: ${HOW} (a role with CREATEDB)`);
    });
  });
} else {
  if (adminUrl === undefined) console.warn(`PostgreSQL data-layer tests skipped: ${HOW} to run them.`);
  describeDataLayer(
    'data layer on PostgreSQL',
    'postgresql',
    () => postgresTestDatabases(adminUrl!),
    adminUrl === undefined ? `VISIONCAD_TEST_PG_URL is not set; ${HOW}` : undefined,
  );
}
