import { describe, expect, it } from 'vitest';

import { tdsBand, totalDermoscopyScore } from './tds';

describe('total dermoscopy score', () => {
  it('weights A, B, C, D as Stolz: 1.3, 0.1, 0.5, 0.5', () => {
    expect(totalDermoscopyScore({ asymmetry: 2, border: 8, colours: 6, structures: 5 })).toBe(8.9);
    expect(totalDermoscopyScore({ asymmetry: 0, border: 0, colours: 1, structures: 1 })).toBe(1);
    expect(totalDermoscopyScore({ asymmetry: 1, border: 3, colours: 2, structures: 2 })).toBe(3.6);
  });

  it('bands scores at 4.75 and 5.45', () => {
    expect(tdsBand(totalDermoscopyScore({ asymmetry: 0, border: 7, colours: 4, structures: 4 }))).toBe(
      'benign',
    );
    expect(tdsBand(totalDermoscopyScore({ asymmetry: 0, border: 8, colours: 4, structures: 4 }))).toBe(
      'suspicious',
    );
    expect(tdsBand(totalDermoscopyScore({ asymmetry: 0, border: 4, colours: 5, structures: 5 }))).toBe(
      'suspicious',
    );
    expect(tdsBand(totalDermoscopyScore({ asymmetry: 0, border: 5, colours: 5, structures: 5 }))).toBe(
      'highly_suspicious',
    );
    expect(tdsBand(4.749)).toBe('benign');
    expect(tdsBand(4.75)).toBe('suspicious');
    expect(tdsBand(5.45)).toBe('suspicious');
    expect(tdsBand(5.46)).toBe('highly_suspicious');
  });

  it('rejects sub-scores out of range', () => {
    expect(() => totalDermoscopyScore({ asymmetry: 3, border: 0, colours: 1, structures: 1 })).toThrow(
      'ABCD asymmetry must be an integer 0-2, got 3',
    );
    expect(() => totalDermoscopyScore({ asymmetry: 0, border: 0, colours: 0, structures: 1 })).toThrow(
      /colours must be an integer 1-6/,
    );
    expect(() => totalDermoscopyScore({ asymmetry: 0, border: 9, colours: 1, structures: 1 })).toThrow(
      /border/,
    );
    expect(() => totalDermoscopyScore({ asymmetry: 0, border: 0, colours: 1, structures: 6 })).toThrow(
      /structures/,
    );
  });
});
