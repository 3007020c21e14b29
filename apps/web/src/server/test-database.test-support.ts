// A migrated SQLite database in a temp folder, with one clinician, for server-module tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, migrate, type Db } from '@visioncad/db';
import type { Actor } from './actor';

export interface TestDatabase {
  db: Db;
  dir: string;
  clinician: Actor;
  cleanup(): Promise<void>;
}

/** Creates the database and a clinician account (its password hash is never checked here). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'visioncad-web-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  await migrate(url);
  const db = createDb(url);
  const user = await db.user.create({
    data: {
      email: 'clinician@test.local',
      name: 'Test Clinician',
      role: 'CLINICIAN',
      passwordHash: 'unused',
    },
  });
  return {
    db,
    dir,
    clinician: { id: user.id, email: user.email, ip: null },
    async cleanup() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
