import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { distillationTargets } from './distillation';
import { fit } from './fit';
import { classificationSet, SIZE, tinyClassifier, useCpuBackend } from './tiny-model.test-support';

beforeAll(useCpuBackend);

/** A teacher that gives every image the same probabilities. */
function constantTeacher(probabilities: number[]): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(tfl.layers.flatten({ inputShape: [SIZE, SIZE, 1] }));
  model.add(
    tfl.layers.dense({
      units: probabilities.length,
      activation: 'softmax',
      kernelInitializer: 'zeros',
      biasInitializer: tfl.initializers.constant({ value: 0 }),
    }),
  );
  const [kernel] = model.layers[1].getWeights();
  model.layers[1].setWeights([kernel, tf.tensor1d(probabilities.map(Math.log))]);
  return model;
}

/** The student's mean softmax over a set's images. */
async function meanPrediction(model: tfl.LayersModel, n: number): Promise<number[]> {
  const rows: number[][] = [];
  for await (const batch of classificationSet(n, 3, { shuffle: false }).batches(0)) {
    if (batch.kind !== 'classification') throw new Error('classification batches expected');
    const x = tf.tensor4d(batch.x, [batch.size, SIZE, SIZE, 1]);
    const y = model.predict(x) as tf.Tensor;
    rows.push(...((await y.array()) as number[][]));
    tf.dispose([x, y]);
  }
  return [0, 1, 2].map((k) => rows.reduce((sum, r) => sum + r[k], 0) / rows.length);
}

describe('distillationTargets', () => {
  it("mixes the one-hot labels with the teacher's probabilities", () => {
    const teacher = tinyClassifier(3);
    const xs = tf.randomUniform([2, SIZE, SIZE, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    const ys = tf.tensor2d([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    const soft = teacher.predict(xs) as tf.Tensor;
    const mixed = distillationTargets(teacher, 0.25)(xs, ys);
    const expected = tf.add(tf.mul(ys, 0.25), tf.mul(soft, 0.75));
    expect(mixed.arraySync()).toEqual(expected.arraySync());
    expect((tf.sum(mixed, 1).arraySync() as number[]).every((total) => Math.abs(total - 1) < 1e-5)).toBe(
      true,
    );
    tf.dispose([xs, ys, soft, mixed, expected]);
  });

  it('refuses a weight outside 0..1 and a teacher with other classes', () => {
    expect(() => distillationTargets(tinyClassifier(3), 1.5)).toThrow('between 0 and 1, got 1.5');
    const xs = tf.zeros([1, SIZE, SIZE, 1]) as tf.Tensor4D;
    const ys = tf.tensor2d([[1, 0]]);
    expect(() => distillationTargets(tinyClassifier(3, 3), 0.5)(xs, ys)).toThrow(
      'the teacher outputs [1, 3] but the targets are [1, 2]',
    );
    tf.dispose([xs, ys]);
  });

  it("fit trains the student toward the teacher's probabilities instead of the labels", async () => {
    const teacherProbabilities = [0.7, 0.2, 0.1];
    const teacher = constantTeacher(teacherProbabilities);
    const train = (hardWeight: number) => {
      const student = tinyClassifier(11);
      return fit(student, {
        train: classificationSet(24),
        epochs: 25,
        optimizer: { type: 'adam', learningRate: 0.05 },
        trainingTargets: distillationTargets(teacher, hardWeight),
      }).then(() => student);
    };
    // Soft targets only: whatever the image, the student answers the teacher's distribution.
    const distilled = await meanPrediction(await train(0), 24);
    distilled.forEach((p, k) => expect(Math.abs(p - teacherProbabilities[k])).toBeLessThan(0.03));
    // Labels only: the balanced labels pull the mean prediction to about a third per class.
    const supervised = await meanPrediction(await train(1), 24);
    expect(supervised[0]).toBeLessThan(0.5);
  });
});
