import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from './checkpoint';
import { withSeededRandom } from './determinism';
import { EarlyStopping } from './early-stopping';
import { fit, type FitOptions } from './fit';
import { ReduceLROnPlateau } from './lr-schedules';
import { MemoryMetricsLog } from './metrics-log';
import type { OptimizerConfig } from './optimizers';
import { ProgressBar } from './progress-bar';
import {
  classificationSet,
  segmentationSet,
  tinyClassifier,
  tinySegmenter,
  useCpuBackend,
  weightValues,
} from './tiny-model.test-support';

beforeAll(useCpuBackend);

const sgd: OptimizerConfig = { type: 'sgd', learningRate: 0.05, momentum: 0.9, weightDecay: 1e-4 };
const adam: OptimizerConfig = { type: 'adam', learningRate: 0.01 };

describe('withSeededRandom', () => {
  it('makes initialization reproducible and restores Math.random', () => {
    const original = Math.random;
    expect(weightValues(tinyClassifier(1))).toEqual(weightValues(tinyClassifier(1)));
    expect(weightValues(tinyClassifier(1))).not.toEqual(weightValues(tinyClassifier(2)));
    expect(Math.random).toBe(original);
    expect(() => withSeededRandom(1, [], async () => 1)).toThrow('needs a synchronous function');
    expect(Math.random).toBe(original);
  });
});

describe('fit', () => {
  it('learns a separable task, validates each epoch and logs Keras-style keys', async () => {
    const model = tinyClassifier(7);
    const bnBefore = model.layers[1].getWeights()[2].dataSync().slice();
    const log = new MemoryMetricsLog();
    const lines: string[] = [];
    const result = await fit(model, {
      train: classificationSet(24, 3, { augmentation: { horizontalFlip: false, gaussianNoiseStd: 0.02 } }),
      validation: classificationSet(12, 3, { shuffle: false }),
      epochs: 6,
      optimizer: adam,
      metricsLog: log,
      progress: new ProgressBar({ write: (s: string) => lines.push(s) }, { intervalSeconds: 0 }),
    });
    expect(result.stopReason).toBe('completed');
    expect(result.globalStep).toBe(36);
    const first = result.history[0];
    const last = result.history[5];
    expect(Object.keys(last).sort()).toEqual(
      [
        'accuracy',
        'epoch',
        'img_per_sec',
        'loss',
        'lr',
        'seconds',
        'steps',
        'val_accuracy',
        'val_balanced_accuracy',
        'val_loss',
        'val_macro_f1',
      ].sort(),
    );
    expect(last.loss).toBeLessThan(first.loss);
    expect(last.val_accuracy).toBeGreaterThan(0.6); // chance is 1/3
    expect(last.img_per_sec).toBeGreaterThan(0);
    expect(log.entries).toEqual(result.history);
    // BatchNormalization ran in training mode: its moving mean moved off zero.
    expect(model.layers[1].getWeights()[2].dataSync()).not.toEqual(bnBefore);
    // Not a TTY: plain lines, one per batch (interval 0) plus an epoch summary each epoch.
    expect(lines.filter((l) => l.includes('ETA')).length).toBe(36);
    expect(lines.filter((l) => l.includes('val_accuracy')).length).toBe(6);
    expect(lines.every((l) => !l.includes('\r'))).toBe(true);
  });

  it('weights the loss by class weights', async () => {
    const run = async (classWeights?: FitOptions['classWeights']) => {
      const model = tinyClassifier(4, 2);
      const r = await fit(model, {
        train: classificationSet(8, 2),
        epochs: 1,
        optimizer: { type: 'sgd', learningRate: 1e-9 },
        classWeights,
      });
      return r.history[0].loss;
    };
    const plain = await run();
    expect(await run([1, 1])).toBeCloseTo(plain, 6);
    expect(await run([2, 2])).toBeCloseTo(2 * plain, 5);
    expect(await run('balanced')).toBeCloseTo(plain, 6); // classes are balanced already
  });

  it('trains a segmenter on image/mask pairs with BCE + Dice', async () => {
    const model = tinySegmenter(2);
    const result = await fit(model, {
      train: segmentationSet(16, { augmentation: { horizontalFlip: true, widthShiftRange: 0.1 } }),
      validation: segmentationSet(8, { shuffle: false }),
      epochs: 8,
      optimizer: { type: 'adam', learningRate: 0.05 },
    });
    const [first, last] = [result.history[0], result.history[7]];
    expect(last.loss).toBeLessThan(first.loss);
    expect(last.val_dice).toBeGreaterThan(0.5);
    expect(last.val_jaccard).toBeLessThanOrEqual(last.val_dice);
    expect(last.dice).toBeGreaterThan(0);
  });

  it('stops early and restores the best weights', async () => {
    const model = tinyClassifier(5);
    const snapshots: number[][][] = [];
    // Monitoring training loss as if larger were better: epoch 0 is best, epoch 1 stalls -> stop.
    const result = await fit(model, {
      train: classificationSet(12),
      epochs: 5,
      optimizer: sgd,
      earlyStopping: new EarlyStopping({
        monitor: 'loss',
        mode: 'max',
        patience: 0,
        restoreBestWeights: true,
      }),
      onEpochEnd: () => {
        snapshots.push(weightValues(model));
      },
    });
    expect(result.stopReason).toBe('early-stopped');
    expect(result.history.length).toBe(2);
    expect(result.bestEpoch).toBe(0);
    expect(weightValues(model)).toEqual(snapshots[0]);
  });

  it('runs beforeValidation after the training steps of each epoch, before its validation', async () => {
    const model = tinyClassifier(3);
    const events: string[] = [];
    const bn = model.layers[1];
    await fit(model, {
      train: classificationSet(8),
      validation: classificationSet(4),
      epochs: 2,
      optimizer: sgd,
      beforeValidation: (epoch) => {
        events.push(`before ${epoch}`);
        // What validation then scores with: moving statistics set here.
        const weights = bn.getWeights();
        bn.setWeights([...weights.slice(0, 2), tf.zeros([4]), tf.ones([4])]);
      },
      onEpochEnd: (log) => {
        events.push(`end ${log.epoch}`);
      },
    });
    expect(events).toEqual(['before 0', 'end 0', 'before 1', 'end 1']);
    expect(Array.from(bn.getWeights()[2].dataSync())).toEqual([0, 0, 0, 0]);
  });

  it('rejects data that does not fit the model', async () => {
    await expect(
      fit(tinyClassifier(1, 4), {
        train: classificationSet(8),
        epochs: 1,
        optimizer: sgd,
        classWeights: [1, 2],
      }),
    ).rejects.toThrow('classWeights must be 4 non-negative numbers');
    await expect(
      fit(tinySegmenter(1), { train: classificationSet(8), epochs: 1, optimizer: sgd }),
    ).rejects.toThrow('classification needs a [numClasses >= 2] output');
  });

  it('fails loudly when the loss diverges', async () => {
    await expect(
      fit(tinyClassifier(1), {
        train: classificationSet(8),
        epochs: 3,
        optimizer: { type: 'sgd', learningRate: 1e30 },
      }),
    ).rejects.toThrow(/training loss became (NaN|Infinity)/);
  });
});

describe('checkpoint and exact resume', () => {
  const options = (optimizer: OptimizerConfig): Omit<FitOptions, 'checkpoint'> => ({
    train: classificationSet(20, 3, {
      augmentation: { rotationRange: 10, gaussianNoiseStd: 0.05, horizontalFlip: true },
    }),
    validation: classificationSet(9, 3, { shuffle: false }),
    epochs: 3,
    optimizer,
    seed: 17,
    classWeights: 'balanced',
    lrSchedule: new ReduceLROnPlateau({
      initialLearningRate: optimizer.learningRate,
      monitor: 'val_accuracy',
      patience: 1,
      factor: 0.5,
    }),
    earlyStopping: new EarlyStopping({ monitor: 'val_loss', patience: 5 }),
  });

  for (const [name, optimizer] of [
    ['SGD + momentum + weight decay', sgd],
    ['Adam', adam],
  ] as const) {
    it(`a run killed mid-epoch and resumed ends with bit-identical weights (${name})`, async () => {
      const reference = tinyClassifier(11);
      const uninterrupted = await fit(reference, options(optimizer));

      const store = new MemoryCheckpointStore();
      const killed = tinyClassifier(11);
      // "Kill" at step 8 (mid-epoch 1; 5 steps per epoch): the last checkpoint is from step 6.
      await expect(
        fit(killed, {
          ...options(optimizer),
          checkpoint: { store, everySteps: 3 },
          onBatchEnd: ({ globalStep }) => {
            if (globalStep === 8) throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');

      // A fresh process: differently initialised model, new schedule and early-stopping objects.
      const resumedModel = tinyClassifier(99);
      const log = new MemoryMetricsLog();
      const resumed = await fit(resumedModel, {
        ...options(optimizer),
        checkpoint: { store, everySteps: 3 },
        metricsLog: log,
      });

      expect(resumed.resumedFrom).toEqual({ epoch: 1, batchInEpoch: 1, globalStep: 6 });
      expect(weightValues(resumedModel)).toEqual(weightValues(reference));
      const strip = (h: typeof resumed.history) => h.map(({ seconds: _s, img_per_sec: _r, ...rest }) => rest);
      expect(strip(resumed.history)).toEqual(strip(uninterrupted.history));
      expect(log.entries.length).toBe(3);
    });
  }

  it('an aborted run checkpoints where it stopped and finishes identically', async () => {
    const reference = tinyClassifier(11);
    await fit(reference, options(sgd));
    const store = new MemoryCheckpointStore();
    const controller = new AbortController();
    const first = await fit(tinyClassifier(11), {
      ...options(sgd),
      checkpoint: { store },
      signal: controller.signal,
      onBatchEnd: ({ globalStep }) => {
        if (globalStep === 7) controller.abort();
      },
    });
    expect(first.stopReason).toBe('aborted');
    const resumedModel = tinyClassifier(3);
    const second = await fit(resumedModel, { ...options(sgd), checkpoint: { store } });
    expect(second.resumedFrom?.globalStep).toBe(7);
    expect(weightValues(resumedModel)).toEqual(weightValues(reference));
  });

  it('does not train past an early stop after a restart', async () => {
    const store = new MemoryCheckpointStore();
    const opts = {
      train: classificationSet(8),
      epochs: 5,
      optimizer: sgd,
      checkpoint: { store },
      earlyStopping: new EarlyStopping({ monitor: 'loss', mode: 'max' as const, patience: 0 }),
    };
    const first = await fit(tinyClassifier(1), opts);
    const again = await fit(tinyClassifier(1), {
      ...opts,
      earlyStopping: new EarlyStopping({ monitor: 'loss', mode: 'max', patience: 0 }),
    });
    expect(again.stopReason).toBe('early-stopped');
    expect(again.globalStep).toBe(first.globalStep);
  });

  it('refuses to resume when layers were frozen since the checkpoint', async () => {
    const store = new MemoryCheckpointStore();
    await fit(tinyClassifier(1), {
      train: classificationSet(8),
      epochs: 1,
      optimizer: sgd,
      checkpoint: { store },
    });
    const frozen = tinyClassifier(1);
    frozen.layers[0].trainable = false;
    await expect(
      fit(frozen, { train: classificationSet(8), epochs: 2, optimizer: sgd, checkpoint: { store } }),
    ).rejects.toThrow('were layers frozen or unfrozen?');
  });

  it('refuses to resume on a different training set', async () => {
    const store = new MemoryCheckpointStore();
    await fit(tinyClassifier(1), {
      train: classificationSet(8),
      epochs: 1,
      optimizer: sgd,
      checkpoint: { store },
    });
    await expect(
      fit(tinyClassifier(1), {
        train: classificationSet(12),
        epochs: 2,
        optimizer: sgd,
        checkpoint: { store },
      }),
    ).rejects.toThrow(/checkpoint memory was written for another training set/);
    expect(tf.memory().numTensors).toBeLessThan(500);
  });
});
