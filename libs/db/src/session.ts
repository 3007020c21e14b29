import { createHash, randomBytes } from 'node:crypto';
import { getDb, type Db } from './client';
import type { Role } from './roles';

/** How long a sign-in lasts: one clinical working day plus margin. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often, so reads do not turn into a write per request. */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface NewSession {
  /** The bearer token to hand to the client; only its SHA-256 is stored. */
  token: string;
  expiresAt: Date;
}

export interface SessionUser {
  user: { id: string; email: string; name: string; role: Role };
  sessionId: string;
}

/** The stored form of a session token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Starts a session for a user and returns its random 32-byte token (base64url). */
export async function createSession(
  userId: string,
  meta: SessionMeta = {},
  db: Db = getDb(),
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.session.create({
    data: {
      tokenHash: hashSessionToken(token),
      userId,
      expiresAt,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent ?? null,
    },
  });
  return { token, expiresAt };
}

/** The signed-in user behind a token, or null if the token is unknown, expired or the user disabled. */
export async function getSessionUser(token: string, db: Db = getDb()): Promise<SessionUser | null> {
  if (token === '') return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    include: { user: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
  });
  if (session === null) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (session.user.disabled) return null;
  if (now - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  const { id, email, name, role } = session.user;
  return { user: { id, email, name, role }, sessionId: session.id };
}

/** Ends the session a token belongs to; unknown tokens are ignored. */
export async function revokeSession(token: string, db: Db = getDb()): Promise<void> {
  await db.session.deleteMany({ where: { tokenHash: hashSessionToken(token) } });
}
