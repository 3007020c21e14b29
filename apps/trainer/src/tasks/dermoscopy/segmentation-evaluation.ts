// Scores a lesion U-Net against expert masks at the images' own resolution, next to the Otsu
// baseline on the same images, and writes one overlay PNG per image.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { preprocessDermoscopy, segmentLesionOtsu } from '@visioncad/dermoscopy';
import { segmentLesionUnet } from '@visioncad/dermoscopy/models/unet-segmentation';
import { maskFromRaster } from '@visioncad/vision-core/image';
import { decodeImageFile, encodePng } from '@visioncad/vision-core/image-node';
import { dice, jaccard, thresholdedJaccard } from '@visioncad/vision-core/metrics';

import { maskOverlay } from './mask-overlay';
import { takeChannels } from './resized-decoder';

/** One image to score. */
export interface MaskCase {
  id: string;
  imagePath: string;
  maskPath: string;
}

interface Overlap {
  dice: number;
  jaccard: number;
  thresholdedJaccard: number;
}

/** Per-image and mean overlap of the U-Net and of the Otsu baseline with the expert masks. */
export interface SegmentationEvaluation {
  n: number;
  dice: number;
  jaccard: number;
  thresholdedJaccard: number;
  otsuBaseline: Overlap;
  msPerImage: number;
  perImage: Array<{ id: string; unet: Overlap; otsu: Overlap }>;
  overlays: string;
}

const round = (v: number) => Math.round(v * 10000) / 10000;

function overlap(truth: Uint8Array, pred: Uint8Array): Overlap {
  return {
    dice: round(dice(truth, pred)),
    jaccard: round(jaccard(truth, pred)),
    thresholdedJaccard: round(thresholdedJaccard(truth, pred)),
  };
}

function mean(rows: Overlap[]): Overlap {
  const m = (k: keyof Overlap) => round(rows.reduce((s, r) => s + r[k], 0) / rows.length);
  return { dice: m('dice'), jaccard: m('jaccard'), thresholdedJaccard: m('thresholdedJaccard') };
}

/** Runs the model on every case; overlay PNGs go to `overlayDir`. */
export async function evaluateSegmentation(
  model: tf.LayersModel,
  cases: readonly MaskCase[],
  overlayDir: string,
): Promise<SegmentationEvaluation> {
  if (cases.length === 0) throw new Error('no images to evaluate the segmentation on');
  await mkdir(overlayDir, { recursive: true });
  const perImage: SegmentationEvaluation['perImage'] = [];
  let unetMs = 0;
  for (const c of cases) {
    const image = takeChannels(await decodeImageFile(c.imagePath), 3);
    const truthRaster = await decodeImageFile(c.maskPath);
    if (truthRaster.width !== image.width || truthRaster.height !== image.height) {
      throw new Error(
        `mask ${basename(c.maskPath)} is ${truthRaster.width}x${truthRaster.height} but the image is ${image.width}x${image.height}`,
      );
    }
    const truth = maskFromRaster(truthRaster);
    const t0 = performance.now();
    const { mask } = segmentLesionUnet(model, image);
    unetMs += performance.now() - t0;
    const otsu = segmentLesionOtsu(preprocessDermoscopy(image).colourCorrected).mask;
    perImage.push({ id: c.id, unet: overlap(truth.data, mask.data), otsu: overlap(truth.data, otsu.data) });
    await writeFile(join(overlayDir, `${c.id}.png`), await encodePng(maskOverlay(image, truth, mask)));
  }
  const unet = mean(perImage.map((r) => r.unet));
  return {
    n: perImage.length,
    ...unet,
    otsuBaseline: mean(perImage.map((r) => r.otsu)),
    msPerImage: Math.round(unetMs / perImage.length),
    perImage,
    overlays: overlayDir,
  };
}
