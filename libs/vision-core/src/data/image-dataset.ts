import { augmentImage, augmentImageAndMask, type AugmentationConfig, type FloatImage } from './augmentation';
import { epochOrder } from './epoch-order';
import { datasetFingerprint, type DecodedImage, type DecodeImage, type Sample } from './samples';
import { seededRandom } from './seeded-random';

/** Options of an image dataset. */
export interface ImageDatasetOptions {
  samples: readonly Sample[];
  decode: DecodeImage;
  /** Decoder for mask files; defaults to `decode`. */
  decodeMask?: DecodeImage;
  /** [height, width, channels] every decoded image must have (resizing is the decoder's job). */
  imageShape: readonly [number, number, number];
  batchSize: number;
  /** Reshuffle every epoch (order seeded by seed and epoch). Default true; use false for validation. */
  shuffle?: boolean;
  seed?: number;
  /** Random augmentation applied on the fly; leave undefined for validation and test data. */
  augmentation?: AugmentationConfig;
  /** Batches decoded ahead of the one being consumed (bounded queue). Default 2. */
  prefetch?: number;
  /**
   * Mask pixels whose first channel is >= this value are foreground. Default: 128 for 8-bit masks
   * (0/255 files), 0.5 for float masks.
   */
  maskThreshold?: number;
}

/** A batch of a classification dataset. */
export interface ClassificationBatch {
  kind: 'classification';
  /** [size, height, width, channels], row-major. */
  x: Float32Array;
  labels: Int32Array;
  size: number;
  /** Indices into the sample list, in batch order. */
  sampleIndices: Uint32Array;
}

/** A batch of a segmentation dataset. */
export interface SegmentationBatch {
  kind: 'segmentation';
  x: Float32Array;
  /** [size, height, width, 1] with values 0 (background) or 1 (foreground). */
  masks: Float32Array;
  size: number;
  sampleIndices: Uint32Array;
}

/** Either kind of batch. */
export type Batch = ClassificationBatch | SegmentationBatch;

/**
 * A dataset streamed from storage: the sample list is all that is held; images are decoded lazily,
 * augmented and packed batch by batch, with at most `prefetch` batches loading ahead of the
 * consumer, so memory is bounded by (prefetch + 1) batches whatever the dataset size.
 */
export class ImageDataset {
  readonly kind: Batch['kind'];
  readonly samples: readonly Sample[];
  readonly imageShape: readonly [number, number, number];
  readonly batchSize: number;
  readonly seed: number;
  readonly fingerprint: string;
  private readonly options: ImageDatasetOptions;
  private readonly prefetch: number;

  constructor(options: ImageDatasetOptions) {
    const { samples, imageShape, batchSize, prefetch = 2, seed = 0 } = options;
    if (samples.length === 0) throw new Error('an ImageDataset needs at least one sample');
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    if (!Number.isInteger(prefetch) || prefetch < 1) throw new Error(`prefetch must be a positive integer, got ${prefetch}`);
    if (imageShape.length !== 3 || !imageShape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new Error(`imageShape must be [height, width, channels] of positive integers, got [${imageShape.join(', ')}]`);
    }
    const classification = samples.filter((s) => 'label' in s).length;
    if (classification !== 0 && classification !== samples.length) {
      throw new Error('samples mix labelled (path + label) and segmentation (path + maskPath) entries');
    }
    this.kind = classification > 0 ? 'classification' : 'segmentation';
    samples.forEach((s, i) => {
      if (typeof s.path !== 'string' || s.path === '') throw new Error(`sample ${i} has no path`);
      if ('label' in s && !(Number.isInteger(s.label) && s.label >= 0)) {
        throw new Error(`sample ${i} (${s.path}) has label ${s.label}; labels are class indices >= 0`);
      }
    });
    this.options = options;
    this.samples = samples;
    this.imageShape = imageShape;
    this.batchSize = batchSize;
    this.seed = seed;
    this.prefetch = prefetch;
    this.fingerprint = datasetFingerprint(samples);
  }

  /** Number of samples. */
  get size(): number {
    return this.samples.length;
  }

  /** Batches per epoch (the last one may be smaller). */
  get batchesPerEpoch(): number {
    return Math.ceil(this.samples.length / this.batchSize);
  }

  /** Number of samples per class (classification only), for class weights. */
  labelCounts(numClasses: number): number[] {
    if (this.kind !== 'classification') throw new Error('labelCounts needs a classification dataset');
    const counts = new Array<number>(numClasses).fill(0);
    for (const s of this.samples) {
      const label = (s as { label: number }).label;
      if (label >= numClasses) throw new Error(`sample ${s.path} has label ${label} but there are ${numClasses} classes`);
      counts[label]++;
    }
    return counts;
  }

  /** Sample indices in the order epoch `epoch` visits them. */
  order(epoch: number): Uint32Array {
    if (this.options.shuffle === false) return Uint32Array.from(this.samples, (_, i) => i);
    return epochOrder(this.samples.length, this.seed, epoch);
  }

  /** Streams the batches of one epoch, starting at batch `startBatch` (to resume mid-epoch). */
  async *batches(epoch: number, startBatch = 0): AsyncGenerator<Batch> {
    const total = this.batchesPerEpoch;
    if (!Number.isInteger(startBatch) || startBatch < 0 || startBatch > total) {
      throw new Error(`startBatch ${startBatch} is outside the epoch's ${total} batches`);
    }
    const order = this.order(epoch);
    const queue: Promise<Batch>[] = [];
    let next = startBatch;
    const fill = (): void => {
      while (next < total && queue.length < this.prefetch) {
        const loading = this.loadBatch(order, epoch, next++);
        // A batch that fails while an earlier one is being consumed must not crash the process as
        // an unhandled rejection; the error surfaces when that batch is awaited.
        loading.catch(() => undefined);
        queue.push(loading);
      }
    };
    fill();
    while (queue.length > 0) {
      const batch = await queue.shift()!;
      fill();
      yield batch;
    }
  }

  private async loadBatch(order: Uint32Array, epoch: number, batchIndex: number): Promise<Batch> {
    const [h, w, c] = this.imageShape;
    const start = batchIndex * this.batchSize;
    const indices = order.subarray(start, Math.min(start + this.batchSize, order.length));
    const size = indices.length;
    const x = new Float32Array(size * h * w * c);
    const sampleIndices = Uint32Array.from(indices);
    const augmentation = this.options.augmentation;
    if (this.kind === 'classification') {
      const labels = new Int32Array(size);
      await Promise.all(
        Array.from(indices, async (sampleIndex, j) => {
          const sample = this.samples[sampleIndex] as { path: string; label: number };
          let image = this.toFloatImage(await this.options.decode(sample.path), sample.path, c);
          if (augmentation) image = augmentImage(image, augmentation, seededRandom(this.seed, 'augment', epoch, start + j));
          x.set(image.data, j * h * w * c);
          labels[j] = sample.label;
        }),
      );
      return { kind: 'classification', x, labels, size, sampleIndices };
    }
    const masks = new Float32Array(size * h * w);
    const decodeMask = this.options.decodeMask ?? this.options.decode;
    await Promise.all(
      Array.from(indices, async (sampleIndex, j) => {
        const sample = this.samples[sampleIndex] as { path: string; maskPath: string };
        const [decodedImage, decodedMask] = await Promise.all([this.options.decode(sample.path), decodeMask(sample.maskPath)]);
        let image = this.toFloatImage(decodedImage, sample.path, c);
        let mask = this.toMask(decodedMask, sample.maskPath);
        if (augmentation) {
          ({ image, mask } = augmentImageAndMask(image, mask, augmentation, seededRandom(this.seed, 'augment', epoch, start + j)));
        }
        x.set(image.data, j * h * w * c);
        masks.set(mask.data, j * h * w);
      }),
    );
    return { kind: 'segmentation', x, masks, size, sampleIndices };
  }

  private toFloatImage(decoded: DecodedImage, path: string, channels: number): FloatImage {
    const [h, w] = this.imageShape;
    if (decoded.width !== w || decoded.height !== h || decoded.channels !== channels) {
      throw new Error(
        `${path} decoded to ${decoded.width}x${decoded.height}x${decoded.channels} but the dataset expects ${w}x${h}x${channels}; resize or convert it in the decode function`,
      );
    }
    if (decoded.data.length !== w * h * channels) {
      throw new Error(`${path} decoded to ${decoded.data.length} values, expected ${w * h * channels}`);
    }
    const data =
      decoded.data instanceof Float32Array ? Float32Array.from(decoded.data) : Float32Array.from(decoded.data, (v) => v / 255);
    return { width: w, height: h, channels, data };
  }

  private toMask(decoded: DecodedImage, path: string): FloatImage {
    const [h, w] = this.imageShape;
    if (decoded.width !== w || decoded.height !== h) {
      throw new Error(`mask ${path} is ${decoded.width}x${decoded.height} but the dataset expects ${w}x${h}`);
    }
    if (decoded.channels < 1 || decoded.data.length !== w * h * decoded.channels) {
      throw new Error(`mask ${path} has ${decoded.data.length} values, expected ${w}x${h}x${decoded.channels}`);
    }
    const threshold = this.options.maskThreshold ?? (decoded.data instanceof Float32Array ? 0.5 : 128);
    const data = new Float32Array(w * h);
    for (let p = 0; p < data.length; p++) data[p] = decoded.data[p * decoded.channels] >= threshold ? 1 : 0;
    return { width: w, height: h, channels: 1, data };
  }
}
