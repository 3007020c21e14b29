import { describe, expect, it } from 'vitest';
import { raterAgreement } from './rater-agreement';

describe('raterAgreement', () => {
  it('matches the textbook 2x2 example: p_o 0.7, p_e 0.5, kappa 0.4', () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    const clinician = [...Array<string>(25).fill('yes'), ...Array<string>(25).fill('no')];
    const model = [
      ...Array<string>(20).fill('yes'),
      ...Array<string>(5).fill('no'),
      ...Array<string>(10).fill('yes'),
      ...Array<string>(15).fill('no'),
    ];
    const result = raterAgreement(clinician, model, ['yes', 'no']);
    expect(result.labels).toEqual(['yes', 'no']);
    expect(result.n).toBe(50);
    expect(result.confusionMatrix).toEqual([
      [20, 5],
      [10, 15],
    ]);
    expect(result.percentAgreement).toBeCloseTo(0.7, 12);
    expect(result.chanceAgreement).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it('computes a 3-class case worked by hand', () => {
    // Rows a: [2,1,0], b: [0,2,1], c: [1,0,1]; p_o = 5/8, p_e = (9+9+4)/64, kappa = 9/21 = 3/7.
    const result = raterAgreement(
      ['a', 'a', 'b', 'b', 'c', 'c', 'a', 'b'],
      ['a', 'b', 'b', 'b', 'c', 'a', 'a', 'c'],
    );
    expect(result.kappa).toBeCloseTo(3 / 7, 6);
    expect(result.percentAgreement).toBeCloseTo(5 / 8, 12);
  });

  it('keeps labels only one rater used, after the listed ones, so no item is dropped', () => {
    const result = raterAgreement(['mel', 'atypical-nv', 'nv'], ['mel', 'nv', 'nv'], ['mel', 'nv', 'bcc']);
    expect(result.labels).toEqual(['mel', 'nv', 'bcc', 'atypical-nv']);
    expect(result.confusionMatrix[3]).toEqual([0, 1, 0, 0]);
    expect(result.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('reports kappa as null, not NaN, when both raters used one label throughout', () => {
    const result = raterAgreement(['nv', 'nv'], ['nv', 'nv']);
    expect(result.percentAgreement).toBe(1);
    expect(result.kappa).toBeNull();
  });

  it('is negative when the raters disagree more than chance', () => {
    expect(raterAgreement(['a', 'b', 'a', 'b'], ['b', 'a', 'b', 'a']).kappa).toBeCloseTo(-1, 12);
  });

  it('refuses lists of different lengths or no items', () => {
    expect(() => raterAgreement(['a'], ['a', 'b'])).toThrow('reference has 1 entries but other has 2');
    expect(() => raterAgreement([], [])).toThrow('empty');
  });
});
