// Tiny models and synthetic in-memory datasets for the training tests (cpu backend, seconds).
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ImageDataset } from '../data/image-dataset';
import type { DecodedImage } from '../data/samples';
import { seededRandom } from '../data/seeded-random';
import { withSeededRandom } from './determinism';

export const SIZE = 8;

/** Selects the deterministic pure-JS backend. */
export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Conv + BatchNorm + Dropout + softmax: exercises every training-mode layer on 8x8x1 inputs. */
export function tinyClassifier(seed: number, numClasses = 3): tfl.LayersModel {
  return withSeededRandom(seed, ['init'], () => {
    const model = tfl.sequential();
    model.add(tfl.layers.conv2d({ inputShape: [SIZE, SIZE, 1], filters: 4, kernelSize: 3, padding: 'same' }));
    model.add(tfl.layers.batchNormalization());
    model.add(tfl.layers.activation({ activation: 'relu' }));
    model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tfl.layers.flatten());
    model.add(tfl.layers.dropout({ rate: 0.3 }));
    model.add(tfl.layers.dense({ units: numClasses, activation: 'softmax' }));
    return model;
  });
}

/** A one-layer "U-Net": conv to a sigmoid mask. */
export function tinySegmenter(seed: number): tfl.LayersModel {
  return withSeededRandom(seed, ['init'], () => {
    const model = tfl.sequential();
    model.add(
      tfl.layers.conv2d({
        inputShape: [SIZE, SIZE, 1],
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        activation: 'tanh',
      }),
    );
    model.add(tfl.layers.conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid' }));
    return model;
  });
}

/**
 * Paths "c<class>-<i>" decode to noisy images whose bright quadrant is the class: an easy,
 * learnable task. Paths "m-<i>" / "mask-<i>" give a bright square and its mask.
 */
export async function syntheticDecode(path: string): Promise<DecodedImage> {
  const rand = seededRandom(1, path);
  const data = new Uint8Array(SIZE * SIZE);
  const cls = /^c(\d+)-/.exec(path);
  const square = /^(m|mask)-(\d+)/.exec(path);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let v = rand() * 60;
      if (cls) {
        const q = (y < SIZE / 2 ? 0 : 2) + (x < SIZE / 2 ? 0 : 1);
        if (q === Number(cls[1])) v += 180;
      }
      if (square) {
        const off = Number(square[2]) % 4;
        const inside = x >= off && x < off + 4 && y >= off && y < off + 4;
        v = square[1] === 'mask' ? (inside ? 255 : 0) : v + (inside ? 180 : 0);
      }
      data[y * SIZE + x] = Math.round(v);
    }
  }
  return { width: SIZE, height: SIZE, channels: 1, data };
}

/** A classification set of n images over numClasses classes. */
export function classificationSet(
  n: number,
  numClasses = 3,
  extra: Partial<ConstructorParameters<typeof ImageDataset>[0]> = {},
) {
  return new ImageDataset({
    samples: Array.from({ length: n }, (_, i) => ({
      path: `c${i % numClasses}-${i}`,
      label: i % numClasses,
    })),
    decode: syntheticDecode,
    imageShape: [SIZE, SIZE, 1],
    batchSize: 4,
    seed: 3,
    ...extra,
  });
}

/** A segmentation set of n image/mask pairs. */
export function segmentationSet(
  n: number,
  extra: Partial<ConstructorParameters<typeof ImageDataset>[0]> = {},
) {
  return new ImageDataset({
    samples: Array.from({ length: n }, (_, i) => ({ path: `m-${i}`, maskPath: `mask-${i}` })),
    decode: syntheticDecode,
    imageShape: [SIZE, SIZE, 1],
    batchSize: 4,
    seed: 3,
    ...extra,
  });
}

/** All model weights as plain arrays, for exact comparisons. */
export function weightValues(model: tfl.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}
