import { describe, expect, it } from 'vitest';
import { Role as PrismaRole } from './generated/sqlite/enums';
import { isRole, ROLES } from './roles';

describe('ROLES', () => {
  it('are exactly the Role enum of prisma/schema.prisma', () => {
    expect([...ROLES].sort()).toEqual(Object.values(PrismaRole).sort());
  });

  it('isRole accepts only those names', () => {
    expect(isRole('ADMIN')).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
