#!/usr/bin/env node
// `npm run test:e2e`: build the portal if needed, start it on a free port against a fresh temporary
// data directory (a new SQLite database, seeded, with its initial-credentials.json, plus the suite's
// fixture rows and a models folder with a registry: tests/e2e/fixtures/sample-data.ts), run the
// Playwright suite in tests/e2e against it, stop it, and exit with Playwright's code.
// Extra arguments go to `playwright test` (e.g. `npm run test:e2e -- -g "sign-out"`).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT,
  buildPortalIfStale,
  ensurePrismaClient,
  exitCodeOf,
  freePort,
  isFile,
  prepareDatabase,
  run,
  startPortal,
  stopEverythingOnSignal,
  stopGroup,
  waitForPortal,
} from './portal.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!isFile(chromium)) {
  console.error(
    `e2e: no Chromium at ${chromium}. Playwright cannot download browsers here; install Debian's:\n` +
      '  sudo apt-get update && sudo apt-get install -y chromium\n' +
      '(or point CHROMIUM_PATH at another Chromium binary)',
  );
  process.exit(1);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'visioncad-e2e-'));
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'production',
  VISIONCAD_DATA_DIR: dataDir,
  VISIONCAD_MODELS_DIR: path.join(dataDir, 'models'),
  CHROMIUM_PATH: chromium,
};
// The suite needs a database of its own: a fresh SQLite file in the temporary data directory.
delete env.DATABASE_URL;

let portal = null;
let exitCode = 1;
stopEverythingOnSignal(() => rmSync(dataDir, { recursive: true, force: true }));
try {
  await ensurePrismaClient(env);
  await prepareDatabase(env);
  await run('npx', ['tsx', path.join(ROOT, 'tests', 'e2e', 'fixtures', 'sample-data.ts')], { env });
  await buildPortalIfStale(env);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  portal = startPortal({ port, env, hostname: '127.0.0.1' });
  await waitForPortal(baseUrl, portal);
  console.log(`e2e: portal at ${baseUrl}, data in ${dataDir}`);
  exitCode = await exitCodeOf('npx', ['playwright', 'test', ...process.argv.slice(2)], {
    env: { ...env, E2E_BASE_URL: baseUrl },
  });
} catch (error) {
  console.error(`e2e: ${error.message}`);
} finally {
  if (portal) await stopGroup(portal);
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`e2e: screenshots in ${path.join(ROOT, 'tests', 'artifacts')}`);
process.exit(exitCode);
