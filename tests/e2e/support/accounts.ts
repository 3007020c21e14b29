import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A portal role. */
export type Role = 'CLINICIAN' | 'ANALYST' | 'ADMIN';

/** A seeded account from the data directory's initial-credentials.json. */
export interface Account {
  email: string;
  role: Role;
  password: string;
}

/** The seeded account with this role, read from the server's fresh data directory. */
export function accountFor(role: Role): Account {
  const dataDir = process.env.VISIONCAD_DATA_DIR;
  if (!dataDir) throw new Error('VISIONCAD_DATA_DIR is not set: run the suite with `npm run test:e2e`');
  const file = path.join(dataDir, 'initial-credentials.json');
  const accounts = JSON.parse(readFileSync(file, 'utf8')) as Account[];
  const account = accounts.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`${file} has no ${role} account`);
  return account;
}
