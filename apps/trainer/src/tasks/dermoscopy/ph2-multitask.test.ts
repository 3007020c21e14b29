import type { Ph2Case } from '@visioncad/dermoscopy/node';
import { describe, expect, it } from 'vitest';

import { criteriaMetrics, ph2CriteriaVector } from './ph2-multitask';

describe('ph2-multitask helpers', () => {
  it('turns the PH2 expert grades into the five binary criteria', () => {
    const base = {
      pigmentNetwork: 'typical',
      dotsGlobules: 'absent',
      streaks: false,
      regressionAreas: false,
      blueWhitishVeil: false,
    } as unknown as Ph2Case;
    expect(ph2CriteriaVector(base)).toEqual([0, 0, 0, 0, 0]);
    expect(
      ph2CriteriaVector({
        ...base,
        pigmentNetwork: 'atypical',
        dotsGlobules: 'typical',
        blueWhitishVeil: true,
      }),
    ).toEqual([1, 1, 0, 0, 1]);
  });

  it('scores every criterion: AUC (null without both classes), accuracy at 0.5 and positives', () => {
    const truth = [
      [1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [1, 1, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ];
    const predicted = [
      [0.9, 0.2, 0.1, 0.1, 0.1],
      [0.2, 0.7, 0.1, 0.1, 0.6],
      [0.6, 0.4, 0.1, 0.1, 0.1],
      [0.4, 0.1, 0.1, 0.1, 0.1],
    ];
    const m = criteriaMetrics(truth, predicted);
    expect(m.atypical_pigment_network).toEqual({ auc: 1, accuracy: 1, positives: 2, n: 4 });
    expect(m.dots_globules.accuracy).toBe(0.75);
    expect(m.streaks.auc).toBeNull();
    expect(m.blue_whitish_veil.accuracy).toBe(0.75);
  });
});
