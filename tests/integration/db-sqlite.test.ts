import { describeDataLayer } from './db-suite';
import { sqliteTestDatabases } from './db-test-databases';

describeDataLayer('data layer on SQLite', 'sqlite', sqliteTestDatabases);
