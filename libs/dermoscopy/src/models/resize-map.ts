// Scales a per-pixel [0, 1] map (lesion probability, Grad-CAM) to another size, reusing the
// raster resizer: 8-bit steps of 1/255 are far finer than any threshold or colour map needs.
import { resizeBilinear } from '@visioncad/vision-core/image';

/** Bilinear resize of a row-major [0, 1] map from width x height to toWidth x toHeight. */
export function resizeUnitMap(
  data: ArrayLike<number>,
  width: number,
  height: number,
  toWidth: number,
  toHeight: number,
): Float32Array {
  if (data.length !== width * height) throw new RangeError(`map ${width}x${height} has ${data.length} values`);
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(Math.min(1, Math.max(0, data[i])) * 255);
  const up = resizeBilinear({ width, height, channels: 1, data: bytes }, toWidth, toHeight);
  const out = new Float32Array(up.data.length);
  for (let i = 0; i < out.length; i++) out[i] = up.data[i] / 255;
  return out;
}
