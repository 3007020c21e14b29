import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { averageBatchNormStatistics } from './batch-norm-statistics';
import { MemoryCheckpointStore } from './checkpoint';
import { EarlyStopping } from './early-stopping';
import { fit, type FitOptions } from './fit';
import { classificationSet, tinyClassifier, useCpuBackend, weightValues } from './tiny-model.test-support';
import { WeightAverage } from './weight-averaging';

beforeAll(useCpuBackend);

const trainableValues = (model: LayersModel): number[][] =>
  model.trainableWeights.map((w) => Array.from(w.read().dataSync()));

/** Element-wise mean of several weight lists. */
function mean(lists: number[][][]): number[][] {
  return lists[0].map((tensor, t) =>
    tensor.map((_, i) => lists.reduce((s, l) => s + l[t][i], 0) / lists.length),
  );
}

function expectClose(actual: number[][], expected: number[][]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((tensor, t) => tensor.forEach((v, i) => expect(v).toBeCloseTo(expected[t][i], 5)));
}

describe('WeightAverage', () => {
  it('holds the running mean of the trainable weights and writes it back, leaving the rest', () => {
    const models = [tinyClassifier(1), tinyClassifier(2), tinyClassifier(3)];
    const average = new WeightAverage();
    for (const m of models) average.add(m);
    expect(average.models).toBe(3);
    const target = tinyClassifier(4);
    const statistics = target.layers[1]
      .getWeights()
      .slice(2)
      .map((w) => Array.from(w.dataSync()));
    average.applyTo(target);
    expectClose(trainableValues(target), mean(models.map(trainableValues)));
    // BatchNorm's moving statistics are not trainable and stay the target's.
    expect(
      target.layers[1]
        .getWeights()
        .slice(2)
        .map((w) => Array.from(w.dataSync())),
    ).toEqual(statistics);
    average.dispose();
  });

  it('resumes from checkpoint tensors and refuses a model of another shape', () => {
    const a = tinyClassifier(1);
    const b = tinyClassifier(2);
    const first = new WeightAverage();
    first.add(a);
    const resumed = WeightAverage.restore(
      first.tensors(a).map((t) => ({ name: t.name, tensor: tf.clone(t.tensor) })),
      first.models,
    );
    resumed.add(b);
    const target = tinyClassifier(3);
    resumed.applyTo(target);
    expectClose(trainableValues(target), mean([trainableValues(a), trainableValues(b)]));
    const frozen = tinyClassifier(1);
    frozen.layers[0].trainable = false;
    expect(() => resumed.add(frozen)).toThrow(
      'the weight average holds 6 tensors but the model has 4 trainable weights',
    );
    expect(() => new WeightAverage().applyTo(target)).toThrow('the weight average is empty');
    expect(() => WeightAverage.restore([], 2)).toThrow('needs at least one model');
    first.dispose();
    resumed.dispose();
  });
});

describe('fit with weight averaging', () => {
  const base = (model: LayersModel): FitOptions => ({
    train: classificationSet(16, 3, { augmentation: { horizontalFlip: true, gaussianNoiseStd: 0.05 } }),
    validation: classificationSet(9, 3, { shuffle: false }),
    epochs: 4,
    optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 },
    seed: 5,
    weightAveraging: { startEpoch: 1 },
    // The mean gets BatchNorm statistics of its own before it is scored.
    beforeValidation: async () => {
      await averageBatchNormStatistics(model, async function* () {
        yield tf.randomUniform([8, 8, 8, 1], 0, 1, 'float32', 1);
      });
    },
  });

  it('scores and ends with the mean of the epochs from startEpoch; training goes on from the raw weights', async () => {
    const model = tinyClassifier(21);
    const raw: number[][][] = [];
    const validated: number[][][] = [];
    const options = base(model);
    const result = await fit(model, {
      ...options,
      beforeValidation: async (epoch) => {
        validated.push(trainableValues(model));
        await options.beforeValidation!(epoch);
      },
      onEpochEnd: () => {
        raw.push(trainableValues(model));
      },
    });
    expect(result.history.map((h) => h.averaged_models)).toEqual([undefined, 1, 2, 3]);
    // Epoch 0 is scored raw; from epoch 1 on, the mean of the raw weights of epochs 1..k.
    expectClose(validated[0], raw[0]);
    expectClose(validated[1], raw[1]);
    expectClose(validated[2], mean([raw[1], raw[2]]));
    expectClose(validated[3], mean([raw[1], raw[2], raw[3]]));
    // The raw weights kept training: the last epoch's differ from the mean the run returns.
    expectClose(trainableValues(model), mean([raw[1], raw[2], raw[3]]));
    expect(trainableValues(model)).not.toEqual(raw[3]);
  });

  it('with early stopping keeps the best-scoring mean, with the statistics it was scored with', async () => {
    const model = tinyClassifier(22);
    const scored: number[][][] = [];
    const options = base(model);
    const result = await fit(model, {
      ...options,
      // Larger training loss counts as better: a best epoch that is not the last one.
      earlyStopping: new EarlyStopping({
        monitor: 'loss',
        mode: 'max',
        patience: 10,
        restoreBestWeights: true,
      }),
      beforeValidation: async (epoch) => {
        await options.beforeValidation!(epoch);
        scored.push(weightValues(model));
      },
    });
    const best = result.bestEpoch!;
    expect(result.history[best].averaged_models ?? 0).toBe(best);
    expect(weightValues(model)).toEqual(scored[best]);
  });

  it('resumes a killed run with its average to bit-identical weights', async () => {
    const reference = tinyClassifier(23);
    await fit(reference, base(reference));

    const store = new MemoryCheckpointStore();
    const killed = tinyClassifier(23);
    await expect(
      fit(killed, {
        ...base(killed),
        checkpoint: { store, everySteps: 2 },
        onBatchEnd: ({ globalStep }) => {
          if (globalStep === 11) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const resumedModel = tinyClassifier(98);
    const resumed = await fit(resumedModel, { ...base(resumedModel), checkpoint: { store, everySteps: 2 } });
    expect(resumed.resumedFrom?.globalStep).toBe(10);
    expect(weightValues(resumedModel)).toEqual(weightValues(reference));

    const plain = tinyClassifier(23);
    const { weightAveraging: _, ...withoutAveraging } = base(plain);
    await expect(fit(plain, { ...withoutAveraging, epochs: 5, checkpoint: { store } })).rejects.toThrow(
      'holds a stochastic weight average (3 models); resume it with weight averaging',
    );
  });

  it('rejects a bad start epoch', async () => {
    const model = tinyClassifier(1);
    await expect(fit(model, { ...base(model), weightAveraging: { startEpoch: -1 } })).rejects.toThrow(
      'weightAveraging.startEpoch must be a non-negative integer, got -1',
    );
  });
});
