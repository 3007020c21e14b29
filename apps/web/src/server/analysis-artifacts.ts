// Rasters an analysis produces (lesion mask, its overlay, the Grad-CAM heat map) stored as PNGs in
// the image storage, content-addressed like the images themselves: the outputs JSON keeps the keys.
import type { RasterImage } from '@visioncad/vision-core/image';
import { encodePng } from '@visioncad/vision-core/image-node';
import { readStoredBytes, storeBytes } from './image-storage';

/** Encodes the raster as PNG and stores it; returns its storage key. */
export async function storeRasterPng(raster: RasterImage, storageDir: string): Promise<string> {
  const stored = await storeBytes(await encodePng(raster), storageDir);
  return stored.storageKey;
}

/** The PNG bytes of a stored artifact. */
export function readArtifactPng(storageKey: string, storageDir: string): Promise<Buffer> {
  return readStoredBytes(storageKey, storageDir);
}
