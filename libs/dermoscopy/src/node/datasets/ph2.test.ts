import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTestBmp } from '@visioncad/vision-core/image/bmp-writer.test-support';
import { createRasterImage } from '@visioncad/vision-core/image';
import { decodeImageFile } from '@visioncad/vision-core/image-node';
import { describe, expect, it } from 'vitest';

import { loadPh2, parsePh2Table } from './ph2';

const HEADER =
  'image_name,histological_diagnosis,clinical_diagnosis,asymmetry,pigment_network,dots_globules,streaks,regression_areas,blue_whitish_veil,white,red,light_brown,dark_brown,blue_gray,black';

/** Writes a tiny PH2 tree in the original release layout: 24-bit BMP image, 1-bit BMP lesion mask. */
function ph2Fixture(rows: string[], cases: string[], options: { roi?: string[] } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ph2-'));
  writeFileSync(join(dir, 'PH2_dataset.csv'), [HEADER, ...rows].join('\n'));
  const image = createRasterImage(
    6,
    4,
    3,
    new Uint8Array(72).map((_, i) => i * 3),
  );
  const mask = createRasterImage(
    6,
    4,
    1,
    new Uint8Array(24).map((_, i) => (i % 6 >= 2 && i % 6 <= 3 ? 1 : 0)),
  );
  for (const id of cases) {
    const caseDir = join(dir, 'PH2 Dataset images', id);
    mkdirSync(join(caseDir, `${id}_Dermoscopic_Image`), { recursive: true });
    mkdirSync(join(caseDir, `${id}_lesion`));
    writeFileSync(
      join(caseDir, `${id}_Dermoscopic_Image`, `${id}.bmp`),
      writeTestBmp(image, { bitsPerPixel: 24 }),
    );
    writeFileSync(join(caseDir, `${id}_lesion`, `${id}_lesion.bmp`), writeTestBmp(mask, { bitsPerPixel: 1 }));
    if (options.roi) {
      mkdirSync(join(caseDir, `${id}_roi`));
      for (const name of options.roi)
        writeFileSync(
          join(caseDir, `${id}_roi`, `${id}_${name}.bmp`),
          writeTestBmp(mask, { bitsPerPixel: 1 }),
        );
    }
  }
  return dir;
}

describe('parsePh2Table', () => {
  it('maps the expert columns to typed fields', () => {
    const table = parsePh2Table(
      `${HEADER}\nIMD003,,common_nevus,0,T,A,A,A,A,0,0,0,1,0,0\nIMD008,Melanoma,melanoma,2,AT,AT,P,P,P,1,0,1,1,1,1\n`,
      'PH2_dataset.csv',
    );
    expect(table.get('IMD003')).toMatchObject({
      clinicalDiagnosis: 'common_nevus',
      histologicalDiagnosis: null,
      asymmetry: 0,
      pigmentNetwork: 'typical',
      dotsGlobules: 'absent',
      streaks: false,
      colours: {
        white: false,
        red: false,
        light_brown: false,
        dark_brown: true,
        blue_gray: false,
        black: false,
      },
    });
    expect(table.get('IMD008')).toMatchObject({
      histologicalDiagnosis: 'Melanoma',
      asymmetry: 2,
      dotsGlobules: 'atypical',
      streaks: true,
    });
  });

  it.each([
    ['IMD003,,common_nevus,3,T,A,A,A,A,0,0,0,1,0,0', /line 2, column asymmetry: '3' is not one of 0, 1, 2/],
    ['IMD003,,nevus,0,T,A,A,A,A,0,0,0,1,0,0', /line 2, column clinical_diagnosis: 'nevus' is not one of/],
    ['IMD003,,common_nevus,0,T,A,A,A,A,0,0,0,x,0,0', /line 2, column dark_brown: 'x' is not 0 or 1/],
    [
      'IMD003,,common_nevus,0,X,A,A,A,A,0,0,0,1,0,0',
      /line 2, column pigment_network: 'X' is not one of T, AT/,
    ],
    [
      'case3,,common_nevus,0,T,A,A,A,A,0,0,0,1,0,0',
      /line 2, column image_name: 'case3' is not a PH2 case id/,
    ],
  ])('rejects a bad row (%#)', (row, message) => {
    expect(() => parsePh2Table(`${HEADER}\n${row}\n`, 'PH2_dataset.csv')).toThrow(message);
  });
});

describe('loadPh2', () => {
  const row = (id: string) => `${id},,common_nevus,1,T,A,A,A,A,0,0,1,1,0,0`;

  it('finds BMP images, 1-bit BMP masks and colour regions in the original layout', async () => {
    const dir = ph2Fixture([row('IMD002')], ['IMD002'], { roi: ['R1_Label4', 'R2_LabelStreaks'] });
    const [c] = await loadPh2(dir);
    expect(c.id).toBe('IMD002');
    expect(c.imagePath.endsWith('IMD002_Dermoscopic_Image/IMD002.bmp')).toBe(true);
    expect(c.colourRegions.map((r) => [r.region, r.label, r.colour])).toEqual([
      ['R1', 'Label4', 'dark_brown'],
      ['R2', 'LabelStreaks', null],
    ]);
    const image = await decodeImageFile(c.imagePath);
    const mask = await decodeImageFile(c.lesionMaskPath);
    expect([image.width, image.height, image.channels]).toEqual([6, 4, 3]);
    expect(mask.channels).toBe(1);
    expect(Array.from(mask.data.subarray(0, 6))).toEqual([0, 0, 255, 255, 0, 0]);
  });

  it('names a row without a folder, a folder without a row and a missing mask', async () => {
    await expect(loadPh2(ph2Fixture([row('IMD002'), row('IMD004')], ['IMD002']))).rejects.toThrow(
      /IMD004 is in PH2_dataset\.csv but its folder IMD004\/ is missing/,
    );
    await expect(loadPh2(ph2Fixture([row('IMD002')], ['IMD002', 'IMD005']))).rejects.toThrow(
      /PH2_dataset\.csv: case folder\(s\) IMD005 have no row/,
    );
    const dir = ph2Fixture([row('IMD002')], []);
    mkdirSync(join(dir, 'PH2 Dataset images', 'IMD002', 'IMD002_Dermoscopic_Image'), { recursive: true });
    mkdirSync(join(dir, 'PH2 Dataset images', 'IMD002', 'IMD002_lesion'));
    writeFileSync(join(dir, 'PH2 Dataset images', 'IMD002', 'IMD002_Dermoscopic_Image', 'IMD002.png'), 'x');
    await expect(loadPh2(dir)).rejects.toThrow(
      /IMD002_lesion: lesion mask IMD002_lesion\.bmp or IMD002_lesion\.png is missing/,
    );
  });
});
