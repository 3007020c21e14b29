import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect-target';

describe('safeRedirectTarget', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeRedirectTarget('/cases?status=OPEN')).toBe('/cases?status=OPEN');
  });

  it('refuses anything that would leave the portal', () => {
    for (const value of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'cases', '']) {
      expect(safeRedirectTarget(value)).toBeNull();
    }
  });

  it('refuses non-strings', () => {
    expect(safeRedirectTarget(undefined)).toBeNull();
    expect(safeRedirectTarget(['/cases'])).toBeNull();
  });
});
