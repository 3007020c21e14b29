// A driver-adapter factory for Prisma 6's JavaScript schema engine that lets `prisma migrate diff`
// compare two schema files without a database. The engine still opens a connection first and, for
// PostgreSQL, asks for the server version; this adapter answers that one question (as PostgreSQL 15,
// the version CI runs) and fails loudly on anything else, so a diff that really needed a database
// cannot silently produce wrong SQL.

const POSTGRES_PROBE = /server_version_num/;
const BOOLEAN = 5;
const TEXT = 7;
const INT32 = 0;

function refuse(what, sql) {
  throw new Error(`offline diff adapter: the schema engine asked for a database (${what}: ${sql ?? ''})`);
}

/** Returns an adapter factory for `provider` ('sqlite' or 'postgres') that never touches a database. */
export function offlineDiffAdapter(provider) {
  const adapterName = provider === 'postgres' ? '@prisma/adapter-pg' : '@prisma/adapter-better-sqlite3';
  const connection = {
    provider,
    adapterName,
    async queryRaw(query) {
      if (provider === 'postgres' && POSTGRES_PROBE.test(query.sql)) {
        return {
          columnNames: ['exists', 'version', 'numeric_version'],
          columnTypes: [BOOLEAN, TEXT, INT32],
          rows: [[true, 'PostgreSQL 15.0 (offline diff)', 150000]],
        };
      }
      return refuse('query', query.sql);
    },
    async executeRaw(query) {
      return refuse('statement', query.sql);
    },
    async executeScript(script) {
      return refuse('script', script);
    },
    async startTransaction() {
      return refuse('transaction');
    },
    getConnectionInfo() {
      return { schemaName: provider === 'postgres' ? 'public' : undefined, supportsRelationJoins: false };
    },
    async dispose() {},
  };
  return {
    provider,
    adapterName,
    async connect() {
      return connection;
    },
    async connectToShadowDb() {
      return connection;
    },
  };
}
