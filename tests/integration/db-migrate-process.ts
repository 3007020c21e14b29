// Runs migrate() in its own process, for the concurrent-start test in db-suite.ts.
// Usage: node --import tsx tests/integration/db-migrate-process.ts <database url>
import { migrate } from '../../libs/db/src/index';

// No top-level await: tsx loads files outside "type": "module" packages as CommonJS.
migrate(process.argv[2]).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
