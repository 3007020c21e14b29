import { describe, expect, it } from 'vitest';

import { syntheticPh2 } from '../testing/synthetic-ph2';
import { evaluateOtsuOnPh2 } from './evaluate-segmentation-ph2';
import { validateAbcdOnPh2 } from './validate-abcd-ph2';

describe('PH2 report commands on a synthetic PH2', () => {
  it('validates ABCD against the expert table with a tuned/held-out split', async () => {
    const report = await validateAbcdOnPh2(await syntheticPh2(), 'test');
    expect(report.dataset.cases).toBe(8);
    expect(report.split.tuneCases + report.split.heldOutCases).toBe(8);
    const a = report.asymmetry.heldOut;
    expect(a.confusionMatrix.flat().reduce((s, v) => s + v, 0)).toBe(report.split.heldOutCases);
    expect(a.accuracy).toBeGreaterThanOrEqual(0);
    expect(report.colours.heldOut.count.labels).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Object.keys(report.colours.heldOut.perColour)).toHaveLength(6);
    // D: tuned on the tuning half for each candidate image, the better one reported on the held-out half.
    const d = report.structures;
    expect(Object.keys(d.imageChoice).sort()).toEqual(['colourCorrected', 'hairFree']);
    expect(d.heldOut.dotsOrGlobules.n).toBe(report.split.heldOutCases);
    expect(d.heldOut.network.vsExperts.expertPositive).toBe(report.split.heldOutCases);
    expect(d.heldOut.gradedD.labels).toEqual([1, 2, 3]);
    expect(d.heldOut.fullDVsGradedD.labels).toEqual([1, 2, 3, 4, 5]);
  });

  it('measures the Otsu baseline against the expert masks', async () => {
    const report = await evaluateOtsuOnPh2(await syntheticPh2(), 'test');
    expect(report.allCases.n).toBe(8);
    expect(report.allCases.meanDice).toBeGreaterThan(0.8);
    expect(report.tuneByConfig).toHaveLength(4);
  });

  it('names a mask whose size differs from its image', async () => {
    await expect(validateAbcdOnPh2(await syntheticPh2({ maskWidthOffset: 1 }), 'test')).rejects.toThrow(
      /PH2 mask IMD001_lesion\.png is 99x80 but the image is 100x80/,
    );
  });
});
