// The data-layer behaviour both databases must show, run by db-sqlite.test.ts and db-postgresql.test.ts.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticate,
  checkDatabase,
  createDb,
  createSession,
  ensureDatabase,
  getSessionUser,
  listAudit,
  migrate,
  recordAudit,
  revokeSession,
  seed,
  verifyPassword,
  type DatabaseProvider,
  type Db,
  type MigrateResult,
  type SeedResult,
} from '../../libs/db/src/index';
import { readMigrationFiles, resolveMigrationsDir } from '../../libs/db/src/migrations/migration-directory';
import type { TestDatabases } from './db-test-databases';

const run = promisify(execFile);

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  applied_steps_count: number | bigint;
  started: string;
  finished: string | null;
  rolled_back: string | null;
}

/** Reads _prisma_migrations with timestamps as text, in the way each database stores them. */
async function migrationRows(db: Db, provider: string): Promise<MigrationRow[]> {
  const asText = (column: string) => (provider === 'sqlite' ? `CAST(${column} AS TEXT)` : `${column}::text`);
  return db.$queryRawUnsafe<MigrationRow[]>(
    `SELECT id, checksum, migration_name, logs, applied_steps_count, ${asText('started_at')} AS started,
            ${asText('finished_at')} AS finished, ${asText('rolled_back_at')} AS rolled_back
     FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
}

/**
 * The text of a rejected database call, including the driver's own message: the SQLite adapter
 * reports a trigger's RAISE() as a foreign-key error (P2003) and keeps the text only in meta.
 */
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalMessage?: string } } } }).meta
      ?.driverAdapterError?.cause;
    return `${(error as Error).message} ${cause?.originalMessage ?? ''}`;
  }
  throw new Error('expected the database to reject the call, but it succeeded');
}

async function tableNames(db: Db, provider: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    provider === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table'"
      : 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()',
  );
  return rows.map((row) => row.name).sort();
}

/** Registers the data-layer tests against databases from `open`; `skip` explains why they cannot run. */
export function describeDataLayer(
  title: string,
  provider: DatabaseProvider,
  open: () => Promise<TestDatabases>,
  skip?: string,
): void {
  describe.skipIf(skip !== undefined)(skip === undefined ? title : `${title} (skipped: ${skip})`, () => {
    let dbs: TestDatabases;
    let url: string;
    let db: Db;
    let firstRun: MigrateResult;
    let migrationNames: string[];
    const clients: Db[] = [];
    const client = (forUrl: string) => {
      const c = createDb(forUrl);
      clients.push(c);
      return c;
    };
    /** A copy of the committed migrations that a test may change. */
    const migrationsCopy = (name: string) => {
      const dir = join(dbs.scratchDir, name);
      cpSync(resolveMigrationsDir(dbs.provider), dir, { recursive: true });
      return dir;
    };

    beforeAll(async () => {
      dbs = await open();
      migrationNames = readMigrationFiles(resolveMigrationsDir(dbs.provider), dbs.provider).map(
        (m) => m.name,
      );
      url = await dbs.create();
      firstRun = await migrate(url);
      db = client(url);
    });

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.$disconnect()));
      await dbs?.cleanup();
    });

    describe('migrate', () => {
      it('applies every committed migration to an empty database', async () => {
        expect(firstRun).toEqual({ applied: migrationNames, alreadyApplied: [] });
        expect(await tableNames(db, dbs.provider)).toEqual(
          expect.arrayContaining([
            'User',
            'Session',
            'Case',
            'Image',
            'Analysis',
            'AuditLog',
            '_prisma_migrations',
          ]),
        );
      });

      it('is idempotent', async () => {
        expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: migrationNames });
        expect(await migrate(db)).toEqual({ applied: [], alreadyApplied: migrationNames });
      });

      it("keeps _prisma_migrations as Prisma's migrate deploy does", async () => {
        const rows = await migrationRows(db, dbs.provider);
        const files = readMigrationFiles(resolveMigrationsDir(dbs.provider), dbs.provider);
        expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
        for (const [i, row] of rows.entries()) {
          const sha256 = createHash('sha256').update(readFileSync(files[i].path)).digest('hex');
          expect(row.checksum).toBe(sha256);
          expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          expect(Number(row.applied_steps_count)).toBe(1);
          expect(row.logs).toBeNull();
          expect(row.rolled_back).toBeNull();
          expect(row.finished).not.toBeNull();
          if (dbs.provider === 'sqlite') {
            // Prisma's SQLite driver writes Unix milliseconds.
            expect(row.started).toMatch(/^\d{13}$/);
            expect(Number(row.finished)).toBeGreaterThanOrEqual(Number(row.started));
          } else {
            expect(new Date(row.finished!).getTime()).toBeGreaterThanOrEqual(new Date(row.started).getTime());
          }
        }
      });

      it('refuses to go on when an applied migration.sql was edited, and accepts CRLF line endings', async () => {
        const fresh = await dbs.create();
        const dir = migrationsCopy('tampered');
        await migrate(fresh, { migrationsDir: dir });
        const first = join(dir, migrationNames[0], 'migration.sql');
        writeFileSync(first, readFileSync(first, 'utf8').replaceAll('\n', '\r\n'));
        await expect(migrate(fresh, { migrationsDir: dir })).resolves.toEqual({
          applied: [],
          alreadyApplied: migrationNames,
        });
        appendFileSync(first, '\n-- edited after it was applied\n');
        await expect(migrate(fresh, { migrationsDir: dir })).rejects.toThrow(
          new RegExp(
            `${migrationNames[0]}.migration\\.sql was changed after it was applied .*recorded checksum`,
          ),
        );
      });

      it('rolls back a failing migration, records it as rolled back, and retries it next time', async () => {
        const fresh = await dbs.create();
        const dir = migrationsCopy('broken');
        const brokenDir = join(dir, '99990101000000_broken');
        mkdirSync(brokenDir);
        writeFileSync(
          join(brokenDir, 'migration.sql'),
          'CREATE TABLE "HalfDone" ("id" INTEGER);\nINSERT INTO "NoSuchTable" VALUES (1);\n',
        );
        await expect(migrate(fresh, { migrationsDir: dir })).rejects.toThrow(
          /Migration 99990101000000_broken .*failed on .* and was rolled back: .*NoSuchTable/,
        );
        const freshDb = client(fresh);
        expect(await tableNames(freshDb, dbs.provider)).not.toContain('HalfDone');
        const failed = (await migrationRows(freshDb, dbs.provider)).filter(
          (r) => r.migration_name === '99990101000000_broken',
        );
        expect(failed).toHaveLength(1);
        expect(failed[0].finished).toBeNull();
        expect(failed[0].rolled_back).not.toBeNull();
        expect(failed[0].logs).toMatch(/NoSuchTable/);

        writeFileSync(join(brokenDir, 'migration.sql'), 'CREATE TABLE "HalfDone" ("id" INTEGER);\n');
        await expect(migrate(fresh, { migrationsDir: dir })).resolves.toEqual({
          applied: ['99990101000000_broken'],
          alreadyApplied: migrationNames,
        });
        expect(await tableNames(freshDb, dbs.provider)).toContain('HalfDone');
      });

      // Prisma changes a SQLite column by copying the table, dropping it and renaming the copy. With
      // foreign keys enforced inside the migration's transaction, the DROP would cascade-delete every
      // Session of every User.
      it.runIf(provider === 'sqlite')(
        'keeps the rows that point at a table a migration redefines',
        async () => {
          const fresh = await dbs.create();
          const dir = migrationsCopy('redefine');
          await migrate(fresh, { migrationsDir: dir });
          const freshDb = client(fresh);
          const user = await freshDb.user.create({
            data: { email: 'r@visioncad.local', name: 'R', role: 'ADMIN', passwordHash: 'x' },
          });
          await createSession(user.id, {}, freshDb);
          await recordAudit({ actorId: user.id, action: 'test.redefine' }, freshDb);
          // Same columns and keys, so the copy is exactly what Prisma would write.
          const userTable = await freshDb.$queryRawUnsafe<{ sql: string }[]>(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'User'",
          );
          const redefine = join(dir, '99990101000000_redefine_user');
          mkdirSync(redefine);
          writeFileSync(
            join(redefine, 'migration.sql'),
            [
              'PRAGMA defer_foreign_keys=ON;',
              'PRAGMA foreign_keys=OFF;',
              `${userTable[0].sql.replace('CREATE TABLE "User"', 'CREATE TABLE "new_User"')};`,
              'INSERT INTO "new_User" SELECT * FROM "User";',
              'DROP TABLE "User";',
              'ALTER TABLE "new_User" RENAME TO "User";',
              'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");',
              'PRAGMA foreign_keys=ON;',
              'PRAGMA defer_foreign_keys=OFF;',
              '',
            ].join('\n'),
          );
          await migrate(fresh, { migrationsDir: dir });
          expect(await freshDb.session.count({ where: { userId: user.id } })).toBe(1);
          expect(await freshDb.auditLog.count({ where: { actorId: user.id } })).toBe(1);
        },
      );

      it('refuses a database that has tables but no migration history', async () => {
        const fresh = await dbs.create();
        await client(fresh).$executeRawUnsafe('CREATE TABLE "Legacy" ("id" INTEGER)');
        await expect(migrate(fresh)).rejects.toThrow(
          /already has tables \(Legacy\) but no _prisma_migrations table/,
        );
      });

      it('applies each migration exactly once when processes start at the same time', async () => {
        const fresh = await dbs.create();
        const script = join(import.meta.dirname, 'db-migrate-process.ts');
        const start = () => run(process.execPath, ['--import', 'tsx', script, fresh], { encoding: 'utf8' });
        // Two more in this process: better-sqlite3 waits for locks synchronously, so they must queue.
        const results = (await Promise.all([start(), start(), migrate(fresh), migrate(fresh)])).map((r) =>
          'stdout' in r ? (JSON.parse(r.stdout) as MigrateResult) : r,
        );
        expect(results.flatMap((r) => r.applied).sort()).toEqual(migrationNames);
        for (const r of results) expect([...r.applied, ...r.alreadyApplied].sort()).toEqual(migrationNames);
        const rows = await migrationRows(client(fresh), dbs.provider);
        expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
      });
    });

    describe('audit log', () => {
      it('appends entries and pages through them newest first', async () => {
        for (let i = 0; i < 5; i += 1) {
          await recordAudit(
            { action: 'test.page', targetType: 'Case', targetId: `case-${i}`, details: { i } },
            db,
          );
        }
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await listAudit({ limit: 2, action: 'test.page', cursor }, db);
          seen.push(...page.entries.map((e) => e.targetId!));
          for (let i = 1; i < page.entries.length; i += 1) {
            expect(page.entries[i - 1].at.getTime()).toBeGreaterThanOrEqual(page.entries[i].at.getTime());
          }
          cursor = page.nextCursor ?? undefined;
          pages += 1;
        } while (cursor !== undefined);
        expect(pages).toBe(3);
        expect(seen.sort()).toEqual(['case-0', 'case-1', 'case-2', 'case-3', 'case-4']);
        await expect(listAudit({ limit: 0 }, db)).rejects.toThrow(/limit must be an integer from 1 to 500/);
      });

      it('rejects UPDATE and DELETE, through Prisma and in raw SQL', async () => {
        const entry = await recordAudit({ action: 'test.immutable' }, db);
        expect(
          await rejection(db.auditLog.update({ where: { id: entry.id }, data: { action: 'x' } })),
        ).toMatch(/append-only: UPDATE is not allowed/);
        expect(await rejection(db.auditLog.deleteMany({ where: { id: entry.id } }))).toMatch(
          /append-only: DELETE is not allowed/,
        );
        expect(await rejection(db.$executeRawUnsafe('UPDATE "AuditLog" SET "action" = \'x\''))).toMatch(
          /append-only: UPDATE/,
        );
        expect(await rejection(db.$executeRawUnsafe('DELETE FROM "AuditLog"'))).toMatch(
          /append-only: DELETE/,
        );
        if (dbs.provider === 'postgresql') {
          expect(await rejection(db.$executeRawUnsafe('TRUNCATE "AuditLog"'))).toMatch(
            /append-only: TRUNCATE/,
          );
        }
        expect((await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe(
          'test.immutable',
        );
      });
    });

    describe('seed, sign-in and sessions', () => {
      let seeded: SeedResult;
      const printed: string[] = [];

      beforeAll(async () => {
        seeded = await seed({ db, dataDir: join(dbs.scratchDir, 'data'), log: (m) => printed.push(m) });
      });

      it('creates one user per role once, prints the passwords and writes them to a 0600 file', async () => {
        expect(seeded.created).toBe(true);
        expect(seeded.users.map((u) => u.role).sort()).toEqual(['ADMIN', 'ANALYST', 'CLINICIAN']);
        expect(new Set(seeded.users.map((u) => u.password)).size).toBe(3);
        for (const user of seeded.users) {
          expect(user.password.length).toBeGreaterThanOrEqual(20);
          expect(printed[0]).toContain(user.password);
          const stored = await db.user.findUniqueOrThrow({ where: { email: user.email } });
          expect(stored.role).toBe(user.role);
          expect(stored.passwordHash).not.toContain(user.password);
          expect(await verifyPassword(user.password, stored.passwordHash)).toBe(true);
        }
        const file = seeded.credentialsFile!;
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(seeded.users);

        const again = await seed({ db, dataDir: join(dbs.scratchDir, 'data'), log: (m) => printed.push(m) });
        expect(again).toMatchObject({ created: false, users: [], credentialsFile: null });
        expect(printed[1]).toMatch(/already has 3 user\(s\)/);
        expect(await db.user.count()).toBe(3);
        expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(seeded.users);
      });

      it('authenticate: success starts a session, sets lastLoginAt and is audited', async () => {
        const admin = seeded.users.find((u) => u.role === 'ADMIN')!;
        const before = Date.now();
        const result = await authenticate(
          ` ${admin.email.toUpperCase()} `,
          admin.password,
          { ip: '10.0.0.7' },
          db,
        );
        expect(result).not.toBeNull();
        expect(result!.user).toMatchObject({ email: admin.email, role: 'ADMIN' });
        expect(result!.expiresAt.getTime()).toBeGreaterThan(Date.now());
        const user = await db.user.findUniqueOrThrow({ where: { email: admin.email } });
        expect(user.lastLoginAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
        const audit = await listAudit({ limit: 1, action: 'auth.sign-in' }, db);
        expect(audit.entries[0]).toMatchObject({ actorId: user.id, actorEmail: admin.email, ip: '10.0.0.7' });
        expect(await getSessionUser(result!.token, db)).toMatchObject({
          user: { id: user.id, role: 'ADMIN' },
        });
      });

      it('authenticate: wrong password, unknown email and disabled user fail and are audited', async () => {
        const analyst = seeded.users.find((u) => u.role === 'ANALYST')!;
        expect(await authenticate(analyst.email, `${analyst.password}x`, { ip: '10.0.0.8' }, db)).toBeNull();
        expect(await authenticate('nobody@visioncad.local', analyst.password, {}, db)).toBeNull();
        await db.user.update({ where: { email: analyst.email }, data: { disabled: true } });
        expect(await authenticate(analyst.email, analyst.password, {}, db)).toBeNull();
        await db.user.update({ where: { email: analyst.email }, data: { disabled: false } });

        const failures = (await listAudit({ limit: 3, action: 'auth.sign-in-failed' }, db)).entries;
        expect(failures.map((f) => [f.actorEmail, (f.details as { reason: string }).reason]).sort()).toEqual([
          [analyst.email, 'disabled'],
          [analyst.email, 'wrong-password'],
          ['nobody@visioncad.local', 'unknown-email'],
        ]);
        const unknown = failures.find((f) => f.actorEmail === 'nobody@visioncad.local')!;
        expect(unknown.actorId).toBeNull();
        expect(failures.find((f) => f.ip === '10.0.0.8')).toBeDefined();
      });

      it('sessions: only the token hash is stored; expired and revoked tokens are rejected', async () => {
        const clinician = await db.user.findUniqueOrThrow({ where: { email: 'clinician@visioncad.local' } });
        const session = await createSession(clinician.id, { userAgent: 'vitest' }, db);
        expect(Buffer.from(session.token, 'base64url')).toHaveLength(32);
        const tokenHash = createHash('sha256').update(session.token).digest('hex');
        const stored = await db.session.findUniqueOrThrow({ where: { tokenHash } });
        expect(await db.session.count({ where: { tokenHash: session.token } })).toBe(0);
        expect(await getSessionUser(session.token, db)).toEqual({
          user: { id: clinician.id, email: clinician.email, name: clinician.name, role: 'CLINICIAN' },
          sessionId: stored.id,
        });

        await db.session.update({
          where: { id: stored.id },
          data: { expiresAt: new Date(Date.now() - 1000) },
        });
        expect(await getSessionUser(session.token, db)).toBeNull();
        expect(await db.session.count({ where: { id: stored.id } })).toBe(0);

        const other = await createSession(clinician.id, {}, db);
        await revokeSession(other.token, db);
        expect(await getSessionUser(other.token, db)).toBeNull();
        expect(await getSessionUser('not-a-token', db)).toBeNull();
      });
    });

    describe('ensureDatabase and checkDatabase', () => {
      it('migrate and seed a new database on first start only', async () => {
        const freshDb = client(await dbs.create());
        await expect(checkDatabase(freshDb)).resolves.toMatchObject({
          ok: false,
          provider: dbs.provider,
          migrations: 0,
          error: expect.stringMatching(/_prisma_migrations/),
        });
        const options = { db: freshDb, dataDir: join(dbs.scratchDir, 'ensure'), log: () => {} };
        const first = await ensureDatabase(options);
        expect(first.migrated).toEqual(migrationNames);
        expect(first.seeded?.users).toHaveLength(3);
        expect(statSync(join(options.dataDir, 'storage')).isDirectory()).toBe(true);
        expect(await ensureDatabase(options)).toEqual({ migrated: [], seeded: null });
        expect(await checkDatabase(freshDb)).toEqual({
          ok: true,
          provider: dbs.provider,
          migrations: migrationNames.length,
        });
      });
    });
  });
}
