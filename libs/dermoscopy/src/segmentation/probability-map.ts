import { createBinaryMask, type BinaryMask } from '@visioncad/vision-core/image';

/** Per-pixel lesion probabilities in [0, 1], row-major (a segmentation network's output). */
export interface ProbabilityMap {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Foreground where the probability is >= `threshold` (default 0.5). */
export function thresholdProbabilityMap(map: ProbabilityMap, threshold = 0.5): BinaryMask {
  if (map.data.length !== map.width * map.height) {
    throw new RangeError(`probability map ${map.width}x${map.height} has ${map.data.length} values`);
  }
  const out = new Uint8Array(map.data.length);
  for (let i = 0; i < out.length; i++) out[i] = map.data[i] >= threshold ? 1 : 0;
  return createBinaryMask(map.width, map.height, out);
}
