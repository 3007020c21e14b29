// Times the case list query at 10,000 cases: `npx tsx apps/web/scripts/bench-case-list.ts [count]`.
// Builds a throw-away SQLite database in a temp folder (migrated as the portal's is), fills it with
// cases across statuses, sites and dates (a third with a signed-off review), then runs each kind of
// list query 20 times and prints the median and worst time. Nothing is asserted: it reports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDb, migrate } from '@visioncad/db';
import { BODY_SITES } from '../src/server/case-fields';
import { CASE_STATUSES, parseCaseListQuery, type CaseListQuery } from '../src/server/case-list-query';
import { listCases } from '../src/server/case-records';

const count = Number(process.argv[2] ?? 10_000);
const RUNS = 20;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'visioncad-bench-cases-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  await migrate(url);
  const db = createDb(url);
  try {
    const user = await db.user.create({
      data: { email: 'bench@bench.local', name: 'Bench', role: 'CLINICIAN', passwordHash: 'unused' },
    });
    const started = performance.now();
    const patients = Array.from({ length: Math.ceil(count / 4) }, (_, i) => ({
      id: `p${String(i).padStart(6, '0')}`,
      reference: `BENCH-${String(i).padStart(6, '0')}`,
    }));
    await db.patient.createMany({ data: patients });
    const day = 24 * 3600 * 1000;
    const base = Date.UTC(2024, 0, 1);
    const cases = Array.from({ length: count }, (_, i) => ({
      id: `c${String(i).padStart(6, '0')}`,
      patientId: patients[i % patients.length].id,
      bodySite: BODY_SITES[i % BODY_SITES.length],
      visitDate: new Date(base + ((i * 7919) % 1000) * day),
      status: CASE_STATUSES[i % CASE_STATUSES.length],
      createdById: user.id,
    }));
    for (let i = 0; i < cases.length; i += 1000) await db.case.createMany({ data: cases.slice(i, i + 1000) });
    const reviews = cases
      .filter((_, i) => i % 3 === 0)
      .map((item) => ({ caseId: item.id, reviewerId: user.id, label: 'nv', signedOffAt: new Date() }));
    for (let i = 0; i < reviews.length; i += 1000)
      await db.review.createMany({ data: reviews.slice(i, i + 1000) });
    console.log(
      `inserted ${count} cases and ${reviews.length} reviews in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // The page 200 pages deep, reached by following cursors, to show keyset pages cost the same.
    let deep: CaseListQuery = parseCaseListQuery({});
    for (let page = 0; page < 200 && count > 25 * 200; page++) {
      const { nextCursor } = await listCases(deep, null, db);
      if (!nextCursor) break;
      deep = parseCaseListQuery({ cursor: nextCursor });
    }

    const queries: [string, CaseListQuery][] = [
      ['first page, no filter', parseCaseListQuery({})],
      ['status=REVIEWED', parseCaseListQuery({ status: 'REVIEWED' })],
      ['bodySite=left forearm', parseCaseListQuery({ bodySite: 'left forearm' })],
      ['from..to (one month)', parseCaseListQuery({ from: '2025-01-01', to: '2025-01-31' })],
      ['reviewed=yes', parseCaseListQuery({ reviewed: 'yes' })],
      ['reviewed=no', parseCaseListQuery({ reviewed: 'no' })],
      [
        'status+site+reviewed=no',
        parseCaseListQuery({ status: 'OPEN', bodySite: 'abdomen', reviewed: 'no' }),
      ],
      ['page 201 by cursor', deep],
    ];
    console.log(`list query (page of 25 + filtered count), ${RUNS} runs each:`);
    for (const [name, query] of queries) {
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run < RUNS; run++) {
        const t0 = performance.now();
        total = (await listCases(query, null, db)).total;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${name.padEnd(26)} median ${times[RUNS / 2].toFixed(1).padStart(6)} ms   max ${times[RUNS - 1].toFixed(1).padStart(6)} ms   (${total} match)`,
      );
    }
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
