// The case_model_verdict migration fills Case.modelVerdict for analyses that finished before it, in
// SQL written separately for SQLite and PostgreSQL. Both must give what the portal's TypeScript
// rules (apps/web/src/server/case-verdict.ts) give: a database is migrated to the migration before,
// filled with cases covering each rule, then migrated to the end and compared.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseVerdict } from '../../apps/web/src/server/case-verdict';
import { createDb, migrate, type DatabaseProvider, type Db, type Prisma } from '../../libs/db/src/index';
import { resolveMigrationsDir } from '../../libs/db/src/migrations/migration-directory';
import { postgresTestDatabases, sqliteTestDatabases, type TestDatabases } from './db-test-databases';

const MIGRATION = '20261124080723_case_model_verdict';
const adminUrl = process.env.VISIONCAD_TEST_PG_URL?.trim() || undefined;
const HOW = 'set VISIONCAD_TEST_PG_URL=postgresql://user:password@localhost:5432/postgres';

const base = Date.UTC(2026, 0, 1);
const at = (second: number) => new Date(base + second * 1000);
const dermoscopy = (topLabel: string) => ({ kind: 'DERMOSCOPY', topLabel });
const face = (...labels: string[]) => ({ kind: 'FACE', faces: labels.map((topLabel) => ({ topLabel })) });

interface AnalysisSpec {
  status: 'SUCCEEDED' | 'FAILED' | 'PENDING';
  outputs?: object | null;
  finished?: number;
}
interface ImageSpec {
  kind: 'DERMOSCOPY' | 'FACE' | 'VIDEO_FRAME';
  sourceKey?: string;
  frameIndex?: number;
  analyses: AnalysisSpec[];
}
interface CaseSpec {
  name: string;
  expected: string | null;
  images: ImageSpec[];
}

const frame = (index: number, outputs: object, finished: number): ImageSpec => ({
  kind: 'VIDEO_FRAME',
  sourceKey: 'video/a.mp4',
  frameIndex: index,
  analyses: [{ status: 'SUCCEEDED', outputs, finished }],
});

const CASES: CaseSpec[] = [
  {
    name: 'the latest dermoscopy image wins; a later failure changes nothing',
    expected: 'mel',
    images: [
      { kind: 'DERMOSCOPY', analyses: [{ status: 'SUCCEEDED', outputs: dermoscopy('nv'), finished: 1 }] },
      {
        kind: 'DERMOSCOPY',
        analyses: [
          { status: 'SUCCEEDED', outputs: dermoscopy('mel'), finished: 2 },
          { status: 'FAILED', finished: 3 },
        ],
      },
    ],
  },
  {
    name: 'a re-run replaces the earlier result of the same image',
    expected: 'bkl',
    images: [
      {
        kind: 'DERMOSCOPY',
        analyses: [
          { status: 'SUCCEEDED', outputs: dermoscopy('bkl'), finished: 5 },
          { status: 'SUCCEEDED', outputs: dermoscopy('bcc'), finished: 4 },
        ],
      },
    ],
  },
  {
    name: 'a face image gives its first (largest) face',
    expected: 'happy',
    images: [
      { kind: 'FACE', analyses: [{ status: 'SUCCEEDED', outputs: face('happy', 'sad'), finished: 1 }] },
    ],
  },
  {
    name: 'a face image without faces',
    expected: 'no-face',
    images: [{ kind: 'FACE', analyses: [{ status: 'SUCCEEDED', outputs: face(), finished: 1 }] }],
  },
  {
    name: 'a video gives its most frequent emotion, a tie going to the earliest frame',
    expected: 'sad',
    images: [
      { kind: 'DERMOSCOPY', analyses: [{ status: 'SUCCEEDED', outputs: dermoscopy('nv'), finished: 1 }] },
      frame(3, face('sad'), 5),
      frame(1, face('happy'), 3),
      frame(0, face('sad'), 2),
      frame(2, face('happy'), 4),
      frame(4, face(), 6),
    ],
  },
  {
    name: 'a video without a face',
    expected: 'no-face',
    images: [frame(0, face(), 1), frame(1, face(), 2)],
  },
  {
    name: 'only pending and failed analyses',
    expected: null,
    images: [{ kind: 'DERMOSCOPY', analyses: [{ status: 'FAILED', finished: 1 }, { status: 'PENDING' }] }],
  },
  {
    name: 'a succeeded row without finished outputs',
    expected: null,
    images: [{ kind: 'DERMOSCOPY', analyses: [{ status: 'SUCCEEDED', outputs: null }] }],
  },
  { name: 'no images', expected: null, images: [] },
];

async function fill(db: Db): Promise<string[]> {
  const user = await db.user.create({
    data: { email: 'backfill@test.local', name: 'Backfill', role: 'CLINICIAN', passwordHash: 'unused' },
  });
  const patient = await db.patient.create({ data: { reference: 'PT-0001' } });
  const model = await db.modelVersion.create({
    data: {
      name: 'm',
      version: '1',
      task: 'lesion-classification',
      architecture: 'a',
      metrics: {},
      card: {},
      artifactPath: 'm',
    },
  });
  const ids = CASES.map((_, k) => `case${k}`);
  // createMany does not read rows back, so it works while Case lacks the column the schema has.
  await db.case.createMany({
    data: ids.map((id) => ({ id, patientId: patient.id, visitDate: at(0), createdById: user.id })),
  });
  let n = 0;
  for (const [k, spec] of CASES.entries()) {
    for (const imageSpec of spec.images) {
      n += 1;
      const image = await db.image.create({
        data: {
          caseId: ids[k],
          kind: imageSpec.kind,
          sourceKey: imageSpec.sourceKey ?? null,
          frameIndex: imageSpec.frameIndex ?? null,
          contentHash: `h${n}`,
          storageKey: `s/${n}`,
          mimeType: 'image/png',
          byteSize: 1,
          width: 1,
          height: 1,
          uploadedById: user.id,
        },
      });
      for (const analysis of imageSpec.analyses) {
        await db.analysis.create({
          data: {
            imageId: image.id,
            modelVersionId: model.id,
            task: model.task,
            status: analysis.status,
            outputs: (analysis.outputs ?? undefined) as Prisma.InputJsonValue | undefined,
            createdAt: at(0),
            finishedAt: analysis.finished === undefined ? null : at(analysis.finished),
          },
        });
      }
    }
  }
  return ids;
}

function describeBackfill(
  provider: DatabaseProvider,
  databases: () => Promise<TestDatabases>,
  skip?: string,
): void {
  describe.skipIf(skip !== undefined)(`case verdict backfill on ${provider}`, () => {
    let dbs: TestDatabases;
    let db: Db;
    let ids: string[];

    beforeAll(async () => {
      dbs = await databases();
      const url = await dbs.create();
      const before = join(dbs.scratchDir, 'migrations-before');
      cpSync(resolveMigrationsDir(provider), before, { recursive: true });
      // The backfill migration and every later one (they run after it on a real upgrade too).
      const fromBackfill: string[] = [];
      for (const entry of readdirSync(before, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name >= MIGRATION) {
          fromBackfill.push(entry.name);
          rmSync(join(before, entry.name), { recursive: true });
        }
      }
      await migrate(url, { migrationsDir: before });
      db = createDb(url);
      ids = await fill(db);
      const applied = (await migrate(url)).applied;
      expect(applied[0]).toBe(MIGRATION);
      expect(applied).toEqual(fromBackfill.sort());
    });
    afterAll(async () => {
      await db?.$disconnect();
      await dbs?.cleanup();
    });

    it.each(CASES.map((spec, k) => [spec.name, k] as const))('%s', async (_name, k) => {
      const found = await db.case.findUniqueOrThrow({
        where: { id: ids[k] },
        select: {
          modelVerdict: true,
          images: {
            select: {
              kind: true,
              sourceKey: true,
              frameIndex: true,
              analyses: {
                where: { status: 'SUCCEEDED' },
                select: { id: true, outputs: true, finishedAt: true, createdAt: true },
              },
            },
          },
        },
      });
      expect(found.modelVerdict).toBe(CASES[k].expected);
      expect(caseVerdict(found.images)).toBe(CASES[k].expected);
    });
  });
}

describeBackfill('sqlite', sqliteTestDatabases);
if (adminUrl === undefined && process.env.CI === 'true') {
  describe('case verdict backfill on postgresql', () => {
    it('has a PostgreSQL server to test against', () => {
      throw new Error(`CI=true but VISIONCAD_TEST_PG_URL is not set: ${HOW} (a role with CREATEDB)`);
    });
  });
} else {
  describeBackfill(
    'postgresql',
    () => postgresTestDatabases(adminUrl!),
    adminUrl === undefined ? `VISIONCAD_TEST_PG_URL is not set; ${HOW}` : undefined,
  );
}
