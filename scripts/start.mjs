#!/usr/bin/env node
// `npm start`: prepare the database (SQLite in <repo>/data unless DATABASE_URL or VISIONCAD_DATA_DIR
// say otherwise), build the portal if its sources changed, and serve it on PORT (default 3000).
import path from 'node:path';
import {
  ROOT,
  buildPortalIfStale,
  ensurePrismaClient,
  prepareDatabase,
  startPortal,
  stopEverythingOnSignal,
  stopGroup,
  waitForPortal,
} from './portal.mjs';

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'production',
  VISIONCAD_DATA_DIR: path.resolve(process.env.VISIONCAD_DATA_DIR ?? path.join(ROOT, 'data')),
};
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`start: PORT must be a TCP port number (1-65535), got "${process.env.PORT}"`);
  process.exit(1);
}

stopEverythingOnSignal();
try {
  await ensurePrismaClient(env);
  await prepareDatabase(env);
  await buildPortalIfStale(env);
} catch (error) {
  console.error(`start: ${error.message}`);
  process.exit(1);
}

const portal = startPortal({ port, env });
portal.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

try {
  const status = await waitForPortal(`http://localhost:${port}`, portal);
  console.log(
    `\nVisionCAD portal: http://localhost:${port} (health ${status})\n` +
      `Data directory: ${env.VISIONCAD_DATA_DIR}\n` +
      `First start? The seeded accounts are in ${path.join(env.VISIONCAD_DATA_DIR, 'initial-credentials.json')}\n`,
  );
} catch (error) {
  console.error(`start: ${error.message}`);
  await stopGroup(portal);
  process.exit(1);
}
