import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskToRaster } from '@visioncad/vision-core/image';
import { encodePng } from '@visioncad/vision-core/image-node';
import { describe, expect, it } from 'vitest';

import { ellipse, paintLesion } from '../testing/synthetic-lesion';
import { evaluateOtsuOnPh2 } from './evaluate-segmentation-ph2';
import { validateAbcdOnPh2 } from './validate-abcd-ph2';

const HEADER =
  'image_name,histological_diagnosis,clinical_diagnosis,asymmetry,pigment_network,dots_globules,streaks,regression_areas,blue_whitish_veil,white,red,light_brown,dark_brown,blue_gray,black';
const DIAGNOSES = ['common_nevus', 'atypical_nevus', 'melanoma'];

/** A tiny synthetic PH2 in the release layout: PNG images and masks plus the expert table. */
async function syntheticPh2(options: { maskWidthOffset?: number } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ph2-report-'));
  const rows = [HEADER];
  for (let i = 0; i < 8; i++) {
    const id = `IMD${String(i + 1).padStart(3, '0')}`;
    const asymmetric = i % 2 === 1;
    const inside = asymmetric
      ? (x: number, y: number) =>
          ((x - 50) / (x < 50 ? 30 : 12)) ** 2 + ((y - 40) / (y < 40 ? 20 : 10)) ** 2 <= 1
      : ellipse(50, 40, 22 + i, 15 + i);
    const { image, mask } = paintLesion(100, 80, inside, (x) => (x < 50 ? [190, 130, 90] : [110, 62, 42]));
    const caseDir = join(dir, 'PH2 Dataset images', id);
    mkdirSync(join(caseDir, `${id}_Dermoscopic_Image`), { recursive: true });
    mkdirSync(join(caseDir, `${id}_lesion`));
    writeFileSync(join(caseDir, `${id}_Dermoscopic_Image`, `${id}.png`), await encodePng(image));
    const maskRaster = maskToRaster(mask);
    const cut = options.maskWidthOffset && i === 0 ? options.maskWidthOffset : 0;
    const maskPng = await encodePng(
      cut
        ? { ...maskRaster, width: 100 - cut, data: maskRaster.data.subarray(0, (100 - cut) * 80) }
        : maskRaster,
    );
    writeFileSync(join(caseDir, `${id}_lesion`, `${id}_lesion.png`), maskPng);
    rows.push(`${id},,${DIAGNOSES[i % 3]},${asymmetric ? 2 : 0},T,A,A,A,A,0,0,1,1,0,0`);
  }
  writeFileSync(join(dir, 'PH2_dataset.csv'), rows.join('\n'));
  return dir;
}

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
