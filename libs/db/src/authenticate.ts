import { randomBytes } from 'node:crypto';
import { recordAudit } from './audit';
import { getDb, type Db } from './client';
import { hashPassword, verifyPassword } from './password';
import type { Role } from './roles';
import { createSession, type SessionMeta } from './session';

export interface AuthenticatedSession {
  token: string;
  expiresAt: Date;
  user: { id: string; email: string; name: string; role: Role };
}

/** Longest email address SMTP allows; longer input is cut before it is stored in the audit log. */
const MAX_EMAIL_LENGTH = 320;

/** Why a sign-in failed, kept in the audit entry (never shown to the person signing in). */
type FailureReason = 'unknown-email' | 'wrong-password' | 'disabled';

// Unknown emails are checked against this hash so that a miss costs as much time as a wrong password
// and response times do not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;

/** Normalizes an email for lookup: trimmed, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password; on success starts a session and updates lastLoginAt. Both outcomes
 * are written to the audit log ('auth.sign-in', 'auth.sign-in-failed'). Returns null on failure.
 */
export async function authenticate(
  email: string,
  password: string,
  meta: SessionMeta = {},
  db: Db = getDb(),
): Promise<AuthenticatedSession | null> {
  const normalized = normalizeEmail(email);
  const user = normalized === '' ? null : await db.user.findUnique({ where: { email: normalized } });
  let failure: FailureReason | null = null;
  if (user === null) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await decoyHash);
    failure = 'unknown-email';
  } else if (!(await verifyPassword(password, user.passwordHash))) {
    failure = 'wrong-password';
  } else if (user.disabled) {
    failure = 'disabled';
  }

  if (user === null || failure !== null) {
    await recordAudit(
      {
        actorId: user?.id ?? null,
        actorEmail: normalized.slice(0, MAX_EMAIL_LENGTH),
        action: 'auth.sign-in-failed',
        targetType: 'User',
        targetId: user?.id ?? null,
        details: { reason: failure },
        ip: meta.ip ?? null,
      },
      db,
    );
    return null;
  }

  const session = await createSession(user.id, meta, db);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAudit(
    {
      actorId: user.id,
      actorEmail: user.email,
      action: 'auth.sign-in',
      targetType: 'User',
      targetId: user.id,
      details: meta.userAgent ? { userAgent: meta.userAgent } : null,
      ip: meta.ip ?? null,
    },
    db,
  );
  return { ...session, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
