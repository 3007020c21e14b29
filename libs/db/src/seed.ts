import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDb, type Db } from './client';
import { resolveDataDir } from './data-dir';
import { hashPassword } from './password';
import { ROLES, type Role } from './roles';

/** A user created by seed(), with the one-time password it was given. */
export interface SeededUser {
  email: string;
  role: Role;
  password: string;
}

export interface SeedResult {
  /** True when this call created the users; false when the database already had users. */
  created: boolean;
  /** The users created by this call (empty when nothing was created). */
  users: SeededUser[];
  /** Where the credentials were written (mode 0600), or null when nothing was created. */
  credentialsFile: string | null;
  /** What happened, as printed. */
  message: string;
}

export interface SeedOptions {
  db?: Db;
  /** Directory for initial-credentials.json; default resolveDataDir(). */
  dataDir?: string;
  /** Where the one-time message goes; default console.log. */
  log?: (message: string) => void;
}

/** Name of the file in the data directory that keeps the first-run credentials for local tooling. */
export const INITIAL_CREDENTIALS_FILE = 'initial-credentials.json';

const SEED_USERS: { role: Role; email: string; name: string }[] = ROLES.map((role) => ({
  role,
  email: `${role.toLowerCase()}@visioncad.local`,
  name: `${role.charAt(0)}${role.slice(1).toLowerCase()} (initial account)`,
}));

/**
 * On an empty user table, creates one user per role with random passwords, prints them once and
 * writes them to <dataDir>/initial-credentials.json (mode 0600). Does nothing when users exist.
 */
export async function seed(options: SeedOptions = {}): Promise<SeedResult> {
  const db = options.db ?? getDb();
  const log = options.log ?? console.log;
  const skipped = (count: number): SeedResult => {
    const message = `Database already has ${count} user(s); initial accounts not created.`;
    log(message);
    return { created: false, users: [], credentialsFile: null, message };
  };

  const existing = await db.user.count();
  if (existing > 0) return skipped(existing);

  const users = SEED_USERS.map(({ role, email }) => ({
    role,
    email,
    password: randomBytes(18).toString('base64url'),
  }));
  const hashes = await Promise.all(users.map((user) => hashPassword(user.password)));
  try {
    await db.$transaction(async (tx) => {
      if ((await tx.user.count()) > 0) throw new SeedRaceLost();
      for (const [i, { role, email, name }] of SEED_USERS.entries()) {
        await tx.user.create({ data: { email, name, role, passwordHash: hashes[i] } });
      }
    });
  } catch (error) {
    // Another process starting at the same moment seeded first (or its write lock beat ours).
    const count = await db.user.count();
    if (count > 0) return skipped(count);
    throw error;
  }

  const dataDir = options.dataDir ?? resolveDataDir();
  mkdirSync(dataDir, { recursive: true });
  const credentialsFile = join(dataDir, INITIAL_CREDENTIALS_FILE);
  writeFileSync(credentialsFile, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
  chmodSync(credentialsFile, 0o600); // mode only applies when the file is created
  const message = [
    'Created the initial VisionCAD accounts. The passwords are shown once; they are also in',
    `${credentialsFile} (readable only by its owner).`,
    ...users.map((user) => `  ${user.role.padEnd(9)} ${user.email.padEnd(26)} ${user.password}`),
  ].join('\n');
  log(message);
  return { created: true, users, credentialsFile, message };
}

class SeedRaceLost extends Error {
  constructor() {
    super('users appeared while seeding');
  }
}
