/** A labelled image on disk (or any store the decode function understands). */
export interface ClassificationSample {
  path: string;
  /** Class index in [0, numClasses). */
  label: number;
}

/** An image and its segmentation mask. */
export interface SegmentationSample {
  path: string;
  maskPath: string;
}

/** Either kind of dataset entry. */
export type Sample = ClassificationSample | SegmentationSample;

/**
 * Decoded pixels, row-major and channel-interleaved. 8-bit data is scaled to [0, 1]; float data is
 * used as is. The image module's RasterImage fits this shape.
 */
export interface DecodedImage {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array | Uint8ClampedArray | Float32Array;
}

/** Loads and decodes one image; injected so Node (sharp/fs) and browsers (canvas/fetch) supply their own. */
export type DecodeImage = (path: string) => Promise<DecodedImage>;

/** A stable 32-bit FNV-1a hash of the sample list, stored in checkpoints to refuse resuming on different data. */
export function datasetFingerprint(samples: readonly Sample[]): string {
  let h = 0x811c9dc5;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  for (const s of samples) mix('label' in s ? `${s.path}\u0000${s.label}\n` : `${s.path}\u0000${s.maskPath}\n`);
  return `${samples.length}:${h.toString(16).padStart(8, '0')}`;
}
