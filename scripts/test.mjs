#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order that fails fastest.
// Runs all steps even after a failure so one run reports everything, then exits non-zero.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NEXT_TELEMETRY_DISABLED: '1' };

const steps = [
  ['prisma clients', 'node', ['libs/db/scripts/generate.mjs', '--if-stale']],
  ['project graph', 'npx', ['nx', 'show', 'projects']],
  ['eslint (incl. module boundaries)', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['prettier', 'npx', ['prettier', '--check', '.']],
  ['tsc libs + trainer', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['tsc web', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']],
  ['vitest (unit + integration)', 'npx', ['vitest', 'run']],
  ['playwright e2e (chromium)', 'node', ['scripts/e2e.mjs']],
];

const only = process.argv.slice(2);
const failures = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    failures.push(name);
    console.log(`=== ${name}: FAILED (exit ${r.status ?? r.signal}) after ${secs}s`);
  } else {
    console.log(`=== ${name}: ok (${secs}s)`);
  }
}
if (failures.length) {
  console.error(`\nnpm test: ${failures.length} step(s) failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nnpm test: all steps passed');
