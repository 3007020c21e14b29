/** The roles a VisionCAD user can hold; the database stores them as the Prisma enum `Role`. */
export const ROLES = ['CLINICIAN', 'ANALYST', 'ADMIN'] as const;

export type Role = (typeof ROLES)[number];

/** Whether a value is one of the known roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
