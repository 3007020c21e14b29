// Writes every dermoscopy preprocessing step of one image as PNGs, for a person to check.
// npx tsx libs/dermoscopy/scripts/preprocess.ts --image <file> --out <dir> [--no-hair] [--otsu]
import { decodeImageFile, encodePng } from '@visioncad/vision-core/image-node';
import { maskToRaster } from '@visioncad/vision-core/image';
import { writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

import { parseScriptArgs } from '../src/node/cli-args';
import { writePreprocessingSteps } from '../src/node/preprocess';
import { preprocessDermoscopy } from '../src/preprocessing/pipeline';
import { segmentLesionOtsu } from '../src/segmentation/otsu-segmentation';

const args = parseScriptArgs(
  'preprocess.ts --image <file> --out <dir> [--no-hair] [--otsu]',
  {
    image: { type: 'string' },
    out: { type: 'string' },
    'no-hair': { type: 'boolean' },
    otsu: { type: 'boolean' },
  },
  ['image', 'out'],
);
const imagePath = String(args.image);
const outDir = String(args.out);
const image = await decodeImageFile(imagePath);
const result = preprocessDermoscopy(image, { hairRemoval: args['no-hair'] ? false : {} });
const written = await writePreprocessingSteps(result, outDir, imagePath);
if (args.otsu) {
  const seg = segmentLesionOtsu(result.colourCorrected);
  const path = join(outDir, `${basename(imagePath, extname(imagePath))}-otsu-mask.png`);
  await writeFile(path, await encodePng(maskToRaster(seg.mask)));
  written.push(path);
}
console.log(written.join('\n'));
