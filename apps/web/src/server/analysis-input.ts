// The uploaded image as the models take it: decoded from storage, RGB, and scaled down when larger
// than the pipelines were designed for (the dermoscopy preprocessing assumes frames of roughly
// 400-1000 px; face detection resizes to 416 px anyway). Results are mapped back to the upload's
// pixels with `scale`.
import sharp from 'sharp';
import { createRasterImage, toRgb, type RasterImage } from '@visioncad/vision-core/image';
import { decodeImageBuffer } from '@visioncad/vision-core/image-node';

/** Longest side, in pixels, an image is analysed at. */
export const ANALYSIS_MAX_SIDE = { DERMOSCOPY: 1024, FACE: 1280, VIDEO_FRAME: 1280 } as const;

/** An image ready for a pipeline. */
export interface AnalysisInput {
  image: RasterImage;
  /** Analysed pixels per uploaded pixel (1 when the image was small enough). */
  scale: number;
}

/** Decodes stored bytes to RGB, fitting the longer side into `maxSide` (never enlarging). */
export async function prepareAnalysisInput(
  bytes: Uint8Array,
  name: string,
  maxSide: number,
): Promise<AnalysisInput> {
  const decoded = toRgb(await decodeImageBuffer(bytes, name));
  const longer = Math.max(decoded.width, decoded.height);
  if (longer <= maxSide) return { image: decoded, scale: 1 };
  const scale = maxSide / longer;
  const width = Math.max(1, Math.round(decoded.width * scale));
  const height = Math.max(1, Math.round(decoded.height * scale));
  const { data, info } = await sharp(decoded.data, {
    raw: { width: decoded.width, height: decoded.height, channels: 3 },
  })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { image: createRasterImage(info.width, info.height, 3, pixels), scale: info.width / decoded.width };
}
