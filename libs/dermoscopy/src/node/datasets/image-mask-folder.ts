import { DatasetError } from '../../datasets/dataset-error';
import { describeMissing, listImagesByStem } from './image-files';

/** An image and its lesion mask. */
export interface ImageMaskPair {
  id: string;
  imagePath: string;
  maskPath: string;
}

/** Where the images and masks are and how mask files are named. */
export interface ImageMaskFolderOptions {
  images: string;
  masks: string;
  /** The mask of `<id>.jpg` is `<id><maskSuffix>.<ext>`; ISIC uses `_segmentation` (the default). */
  maskSuffix?: string;
  /** Image stems to skip, e.g. ISIC 2017's `_superpixels` files (the default). */
  ignore?: RegExp;
}

/**
 * Pairs every image with its mask in two folders (ISIC `ISIC_0000000.jpg` +
 * `ISIC_0000000_segmentation.png` style). An image without a mask, or a mask without an image, is an error.
 */
export async function loadImageMaskFolder(options: ImageMaskFolderOptions): Promise<ImageMaskPair[]> {
  const suffix = options.maskSuffix ?? '_segmentation';
  const ignore = options.ignore ?? /_superpixels$/;
  const images = await listImagesByStem(options.images);
  const masks = await listImagesByStem(options.masks);
  const pairs: ImageMaskPair[] = [];
  const withoutMask: string[] = [];
  const used = new Set<string>();
  for (const [id, imagePath] of images) {
    // Masks may share the images' folder; they are recognised by the suffix.
    if (ignore.test(id) || id.endsWith(suffix)) continue;
    const maskPath = masks.get(`${id}${suffix}`);
    if (!maskPath) {
      withoutMask.push(id);
      continue;
    }
    used.add(`${id}${suffix}`);
    pairs.push({ id, imagePath, maskPath });
  }
  if (withoutMask.length > 0) {
    throw new DatasetError(
      { file: options.masks },
      `no <id>${suffix} mask for some images in ${options.images} (${describeMissing(withoutMask)})`,
    );
  }
  const orphans = [...masks.keys()].filter((m) => m.endsWith(suffix) && !used.has(m));
  if (orphans.length > 0) {
    throw new DatasetError(
      { file: options.masks },
      `masks without a matching image in ${options.images} (${describeMissing(orphans)})`,
    );
  }
  if (pairs.length === 0) throw new DatasetError({ file: options.images }, 'no images found');
  return pairs;
}
