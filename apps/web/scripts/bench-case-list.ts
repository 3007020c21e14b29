// Times the case list query at 10,000 cases: `npx tsx apps/web/scripts/bench-case-list.ts [count]`.
// Builds a throw-away SQLite database in a temp folder (migrated as the portal's is), fills it with
// cases across statuses, sites, dates and model verdicts (a third with a signed-off review, a fifth
// not analysed yet), then runs each kind of list query 20 times and prints the median and worst time.
// The model-verdict queries also run against a copy of the database without the
// (modelVerdict, visitDate, id) index, interleaved run by run, and are printed side by side with the
// ratio. Nothing is asserted: it reports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDb, migrate, type Db } from '@visioncad/db';
import { BODY_SITES } from '../src/server/case-fields';
import {
  CASE_STATUSES,
  parseCaseListQuery as parseWith,
  type CaseListQuery,
} from '../src/server/case-list-query';
import { listCases } from '../src/server/case-records';
import { caseVerdictOptions } from '../src/server/case-verdict-options';

const count = Number(process.argv[2] ?? 10_000);
const RUNS = 20;
const VERDICT_INDEX = 'Case_modelVerdict_visitDate_id_idx';

function median(times: number[]): number {
  return [...times].sort((a, b) => a - b)[times.length >> 1];
}
function worst(times: number[]): number {
  return Math.max(...times);
}
const ms = (value: number) => value.toFixed(1).padStart(6);

/** The query `pages` pages deep, reached by following cursors from `first`. */
async function deepQuery(
  db: Db,
  first: Record<string, string>,
  pages: number,
  parse: (params: Record<string, string>) => CaseListQuery,
): Promise<{ query: CaseListQuery; page: number }> {
  let query = parse(first);
  let page = 1;
  for (; page <= pages; page++) {
    const { nextCursor } = await listCases(query, null, db);
    if (!nextCursor) break;
    query = parse({ ...first, cursor: nextCursor });
  }
  return { query, page };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'visioncad-bench-cases-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  await migrate(url);
  const db = createDb(url);
  let peer: Db | undefined;
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
    // Verdicts the shipped models can give, skewed as a clinic's would be (mostly nevi), spread
    // independently of status and site; every fifth case has no finished analysis.
    const verdicts = await caseVerdictOptions(db);
    const parseCaseListQuery = (params: Record<string, string>) => parseWith(params, verdicts.values);
    const mix = [...verdicts.values, 'nv', 'nv', 'nv', 'nv', 'nv', 'bkl', 'neutral', 'happy'];
    const cases = Array.from({ length: count }, (_, i) => ({
      id: `c${String(i).padStart(6, '0')}`,
      patientId: patients[i % patients.length].id,
      bodySite: BODY_SITES[i % BODY_SITES.length],
      visitDate: new Date(base + ((i * 7919) % 1000) * day),
      status: CASE_STATUSES[i % CASE_STATUSES.length],
      modelVerdict: i % 5 === 0 ? null : mix[(i * 131) % mix.length],
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
      console.log(
        `  ${name.padEnd(26)} median ${ms(median(times))} ms   max ${ms(worst(times))} ms   (${total} match)`,
      );
    }

    // The peer: the same rows without the verdict index (what the filter costs without it).
    const peerPath = path.join(dir, 'without-verdict-index.db');
    await db.$executeRawUnsafe(`VACUUM INTO '${peerPath.replaceAll("'", "''")}'`);
    peer = createDb(`file:${peerPath}`);
    await peer.$executeRawUnsafe(`DROP INDEX "${VERDICT_INDEX}"`);

    const nvDeep = await deepQuery(db, { verdict: 'nv' }, 100, parseCaseListQuery);
    const verdictQueries: [string, CaseListQuery][] = [
      ['verdict=mel', parseCaseListQuery({ verdict: 'mel' })],
      ['verdict=happy', parseCaseListQuery({ verdict: 'happy' })],
      ['verdict=none (no analysis)', parseCaseListQuery({ verdict: 'none' })],
      ['verdict=mel+reviewed=no', parseCaseListQuery({ verdict: 'mel', reviewed: 'no' })],
      ['verdict=nv+status=OPEN', parseCaseListQuery({ verdict: 'nv', status: 'OPEN' })],
      ['verdict=nv, page 1', parseCaseListQuery({ verdict: 'nv' })],
      [`verdict=nv, page ${nvDeep.page} by cursor`, nvDeep.query],
    ];
    console.log(
      `model-verdict filter, ${RUNS} interleaved runs each: with the ${VERDICT_INDEX} index vs without it (median / max ms)`,
    );
    console.log(`  ${''.padEnd(30)} ${'with index'.padStart(15)}   ${'without'.padStart(15)}   ratio`);
    for (const [name, query] of verdictQueries) {
      const withIndex: number[] = [];
      const without: number[] = [];
      let total = 0;
      let peerTotal = 0;
      for (let run = 0; run < RUNS; run++) {
        let t0 = performance.now();
        total = (await listCases(query, null, db)).total;
        withIndex.push(performance.now() - t0);
        t0 = performance.now();
        peerTotal = (await listCases(query, null, peer)).total;
        without.push(performance.now() - t0);
      }
      if (peerTotal !== total)
        throw new Error(`${name}: ${total} matches with the index, ${peerTotal} without`);
      console.log(
        `  ${name.padEnd(30)} ${ms(median(withIndex))} /${ms(worst(withIndex))}   ${ms(median(without))} /${ms(worst(without))}   ${(median(without) / median(withIndex)).toFixed(1).padStart(4)}x   (${total} match)`,
      );
    }
  } finally {
    await peer?.$disconnect();
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
