// A 48x48 face crop put back into a larger picture (scaled x4 into a mid-gray 320 px canvas), so a
// face detector has to find it as in a photo. Used by the scripts that measure face cuts.
import { createRasterImage, resizeBilinear, type RasterImage } from '@visioncad/vision-core/image';

export const PICTURE_SIDE = 320;
const FACE_SIDE = 192;

/** The gray crop x4, centred in a 320 px mid-gray canvas. */
export function facePicture(crop: RasterImage): RasterImage {
  const up = resizeBilinear(crop, FACE_SIDE, FACE_SIDE);
  const offset = (PICTURE_SIDE - FACE_SIDE) / 2;
  const out = createRasterImage(PICTURE_SIDE, PICTURE_SIDE, 1, new Uint8Array(PICTURE_SIDE ** 2).fill(128));
  for (let y = 0; y < FACE_SIDE; y++) {
    out.data.set(up.data.subarray(y * FACE_SIDE, (y + 1) * FACE_SIDE), (y + offset) * PICTURE_SIDE + offset);
  }
  return out;
}
