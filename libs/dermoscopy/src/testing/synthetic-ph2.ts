// A synthetic PH2 folder (release layout) for tests: lesions painted as ellipses, masks, expert table.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskToRaster } from '@visioncad/vision-core/image';
import { encodePng } from '@visioncad/vision-core/image-node';

import { ellipse, paintLesion } from './synthetic-lesion';

const HEADER =
  'image_name,histological_diagnosis,clinical_diagnosis,asymmetry,pigment_network,dots_globules,streaks,regression_areas,blue_whitish_veil,white,red,light_brown,dark_brown,blue_gray,black';
const DIAGNOSES = ['common_nevus', 'atypical_nevus', 'melanoma'];

/**
 * A tiny synthetic PH2 in the release layout: PNG images and masks plus the expert table; diagnoses
 * cycle common naevus, atypical naevus, melanoma. `maskWidthOffset` makes case 1's mask narrower.
 */
export async function syntheticPh2(
  options: { maskWidthOffset?: number; cases?: number } = {},
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ph2-report-'));
  const rows = [HEADER];
  for (let i = 0; i < (options.cases ?? 8); i++) {
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
