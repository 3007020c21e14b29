// @visioncad/db: the data layer. Node-only (server code): Prisma clients, migrations, users,
// sessions and the audit log. See ../README.md.
export { ROLES, isRole, type Role } from './roles';
export { databaseProvider, redactDatabaseUrl, type DatabaseProvider } from './database-url';
export { resolveDataDir, resolveDatabaseUrl, resolveStorageDir } from './data-dir';
export { resolveRepoRoot } from './repo-root';
export { createDb, databaseUrlOf, getDb, type Db } from './client';
export { migrate, type MigrateOptions, type MigrateResult } from './migrations/migrate';
export { ensureDatabase, type EnsureDatabaseOptions, type EnsureDatabaseResult } from './ensure-database';
export { seed, INITIAL_CREDENTIALS_FILE, type SeedOptions, type SeedResult, type SeededUser } from './seed';
export { hashPassword, verifyPassword } from './password';
export {
  createSession,
  getSessionUser,
  revokeSession,
  SESSION_TTL_MS,
  type NewSession,
  type SessionMeta,
  type SessionUser,
} from './session';
export { authenticate, normalizeEmail, type AuthenticatedSession } from './authenticate';
export {
  listAudit,
  recordAudit,
  type AuditEntry,
  type AuditInput,
  type AuditPage,
  type ListAuditOptions,
} from './audit';
export { checkDatabase, type DatabaseHealth } from './health';
export type {
  Analysis,
  AuditLog,
  Case,
  Image,
  Lesion,
  ModelVersion,
  Patient,
  Prisma,
  Review,
  Session,
  TrainingJob,
  User,
} from './generated/sqlite/client';
// The enums' values are plain strings, identical in both generated clients.
export {
  Agreement,
  AnalysisStatus,
  CaseStatus,
  ImageKind,
  JobStatus,
  ModelStatus,
} from './generated/sqlite/enums';
