import { describe, expect, it } from 'vitest';
import { canAccess, getSection, homePathFor, navigationFor, sectionForPath } from './role-matrix';

describe('role matrix', () => {
  it('gives each role exactly the sections the product names', () => {
    expect(navigationFor('CLINICIAN').map((section) => section.id)).toEqual(['cases', 'demo']);
    expect(navigationFor('ANALYST').map((section) => section.id)).toEqual(['analytics', 'models', 'demo']);
    expect(navigationFor('ADMIN').map((section) => section.id)).toEqual([
      'analytics',
      'models',
      'demo',
      'admin',
    ]);
    expect(navigationFor(null).map((section) => section.id)).toEqual(['demo']);
  });

  it('lets nobody signed out into a protected section', () => {
    expect(canAccess(null, getSection('cases'))).toBe(false);
    expect(canAccess(null, getSection('demo'))).toBe(true);
  });

  it('maps pages, sub-pages and API routes to their section', () => {
    expect(sectionForPath('/cases')?.id).toBe('cases');
    expect(sectionForPath('/cases/abc/images')?.id).toBe('cases');
    expect(sectionForPath('/api/admin/users')?.id).toBe('admin');
    expect(sectionForPath('/api/cases')?.id).toBe('cases');
  });

  it('does not match a path that only shares a prefix', () => {
    expect(sectionForPath('/casesx')).toBeNull();
    expect(sectionForPath('/administrator')).toBeNull();
    expect(sectionForPath('/api/me')).toBeNull();
    expect(sectionForPath('/sign-in')).toBeNull();
  });

  it('sends each role to a section it may open', () => {
    expect(homePathFor('CLINICIAN')).toBe('/cases');
    expect(homePathFor('ANALYST')).toBe('/analytics');
    expect(homePathFor('ADMIN')).toBe('/analytics');
  });

  it('names an unknown section id', () => {
    expect(() => getSection('billing' as never)).toThrow('Unknown portal section "billing"');
  });
});
