import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE, parseAuditQuery } from './audit-query';

describe('parseAuditQuery', () => {
  it('defaults to the newest page of every action', () => {
    expect(parseAuditQuery({})).toEqual({ limit: AUDIT_PAGE_SIZE, cursor: undefined, action: undefined });
  });

  it('reads limit, cursor and action, ignoring blanks', () => {
    expect(parseAuditQuery({ limit: '10', cursor: 'c1', action: ' auth.sign-in ' })).toEqual({
      limit: 10,
      cursor: 'c1',
      action: 'auth.sign-in',
    });
    expect(parseAuditQuery({ action: '' })).toMatchObject({ action: undefined });
  });

  it('names a bad limit', () => {
    for (const limit of ['0', '101', '2.5', 'ten']) {
      expect(parseAuditQuery({ limit })).toEqual({
        error: `limit must be a whole number from 1 to 100, got "${limit}"`,
        field: 'limit',
      });
    }
  });
});
