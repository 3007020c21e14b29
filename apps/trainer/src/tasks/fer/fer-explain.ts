// Node-only: `trainer train --task fer --explain <face image> --model <dir> --out <png>` — Grad-CAM
// or saliency of a trained FER model on one face crop, as a heat map over the face.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { decodeGrayImage } from '@visioncad/fer/node';
import { gradCam, heatmapOverlay, saliencyMap, type ExplanationMap } from '@visioncad/vision-core/explain';
import { resizeBilinear } from '@visioncad/vision-core/image';
import { encodePng } from '@visioncad/vision-core/image-node';
import { readModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';
import { FER_INPUT_SIZE } from './fer-datasets';

export const FER_EXPLAIN_USAGE = `trainer train --task fer --explain <face image> --model <model dir> --out <png> [options]

  --explain <image>         a face crop (any size; scaled to ${FER_INPUT_SIZE}x${FER_INPUT_SIZE} gray, no face detection)
  --model <dir>             a trained FER model directory (model.json + card.json)
  --out <png>               heat map over the face, ${FER_INPUT_SIZE * 4}x${FER_INPUT_SIZE * 4}
  --method gradcam|saliency Grad-CAM on a conv layer (default) or input-gradient saliency
  --layer <name>            Grad-CAM layer (default: the last layer with a spatial output)
  --class <label>           explain this label instead of the top prediction`;

/** What the explanation showed, printed as JSON. */
export interface FerExplanation {
  label: string;
  probability: number;
  method: 'gradcam' | 'saliency';
  out: string;
}

/** Runs the explain command on its arguments (everything after `train --task fer`). */
export async function explainFer(args: string[]): Promise<FerExplanation> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      explain: { type: 'string' },
      model: { type: 'string' },
      out: { type: 'string' },
      method: { type: 'string', default: 'gradcam' },
      layer: { type: 'string' },
      class: { type: 'string' },
      backend: { type: 'string' },
    },
  });
  if (!values.explain || !values.model || !values.out) {
    throw new Error(`--explain needs --model and --out\n\n${FER_EXPLAIN_USAGE}`);
  }
  const method = values.method;
  if (method !== 'gradcam' && method !== 'saliency') {
    throw new Error(`--method must be gradcam or saliency, got "${method}"`);
  }
  const card = await readModelCard(values.model);
  let classIndex: number | undefined;
  if (values.class !== undefined) {
    classIndex = card.labels.indexOf(values.class);
    if (classIndex < 0)
      throw new Error(`--class ${values.class} is not one of the model's labels ${card.labels.join(', ')}`);
  }
  const decoded = await decodeGrayImage(values.explain);
  const face =
    decoded.width === FER_INPUT_SIZE && decoded.height === FER_INPUT_SIZE
      ? decoded
      : resizeBilinear(decoded, FER_INPUT_SIZE, FER_INPUT_SIZE);
  const model = await loadModel(values.model);
  const x = tf.tidy(
    () => tf.tensor3d(face.data, [FER_INPUT_SIZE, FER_INPUT_SIZE, 1], 'float32').div(255) as tf.Tensor3D,
  );
  const map: ExplanationMap =
    method === 'gradcam'
      ? gradCam(model, x, { layerName: values.layer, classIndex })
      : saliencyMap(model, x, classIndex);
  tf.dispose(x);
  model.dispose();
  // 48x48 is too small to read; scale up smoothly for people.
  const overlay = resizeBilinear(heatmapOverlay(face, map), FER_INPUT_SIZE * 4, FER_INPUT_SIZE * 4);
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, await encodePng(overlay));
  return { label: card.labels[map.classIndex], probability: map.score, method, out: values.out };
}
