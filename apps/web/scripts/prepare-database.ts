// Run by scripts/start.mjs and scripts/e2e.mjs before the portal starts: applies pending
// migrations and, on an empty database, creates the initial accounts (one per role).
import { databaseProvider, ensureDatabase, resolveDatabaseUrl, resolveDataDir } from '@visioncad/db';

const provider = databaseProvider(resolveDatabaseUrl());
const { migrated } = await ensureDatabase({ log: (message) => console.log(`database: ${message}`) });
console.log(
  `database: ${provider} ready in ${resolveDataDir()}; ` +
    (migrated.length > 0
      ? `applied ${migrated.length} migration(s): ${migrated.join(', ')}`
      : 'no pending migrations'),
);
