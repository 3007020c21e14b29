import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFerReferenceNet, buildResnetReferenceNet } from './reference-nets';
import {
  expectResultsClose,
  prepareBackends,
  runOn,
  seededTensor,
  seededValues,
} from './testing/cpu-reference';

// Small versions of the two benchmark networks (same layer types, strides and batch norm).
const SMALL = {
  fer: () => buildFerReferenceNet({ inputSize: 12, filters: [4, 8, 8], dense: 16, classes: 7 }),
  resnet: () => buildResnetReferenceNet({ inputSize: 16, widths: [4, 8, 8], classes: 7 }),
};
const INPUT = { fer: [6, 12, 12, 1], resnet: [6, 16, 16, 3] };

function labels(seed: number): tf.Tensor {
  const classes = Array.from(seededValues(6, seed), (v) => Math.floor(((v + 1) / 2) * 7) % 7);
  return tf.oneHot(tf.tensor1d(classes, 'int32'), 7);
}

function lossOf(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
}

describe('reference networks on wasm', () => {
  beforeAll(prepareBackends);

  for (const name of ['fer', 'resnet'] as const) {
    it(`${name}: loss and every weight gradient match cpu (tolerance 1e-4 of max(1, max |cpu|))`, async () => {
      await tf.setBackend('cpu');
      const weights = SMALL[name]()
        .getWeights()
        .map((w, i) => ({ shape: w.shape, values: seededValues(w.size, 100 + i) }));
      const gradients = () => {
        const model = SMALL[name]();
        model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
        const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
        const { value, grads } = tf.variableGrads(
          () => lossOf(model, seededTensor(INPUT[name], 1), labels(2)),
          variables,
        );
        const result = [value, ...variables.map((v) => grads[v.name])];
        model.dispose();
        return result;
      };
      expectResultsClose(`${name} gradients`, await runOn('wasm', gradients), await runOn('cpu', gradients));
    });

    it(`${name}: trained a few Adam steps on wasm, saves in the tfjs format and predicts the same on cpu`, async () => {
      await tf.setBackend('wasm');
      const model = SMALL[name]();
      model.compile({
        optimizer: tf.train.adam(1e-3),
        loss: (a: tf.Tensor, b: tf.Tensor) => tf.losses.softmaxCrossEntropy(a, b),
      });
      const x = seededTensor(INPUT[name], 3);
      const y = labels(4);
      const before = (model.predict(x) as tf.Tensor).dataSync().slice();
      for (let step = 0; step < 3; step++) await model.trainOnBatch(x, y);
      const onWasm = model.predict(x) as tf.Tensor;
      expect(Array.from(onWasm.dataSync())).not.toEqual(Array.from(before));

      let saved: tf.io.ModelArtifacts | undefined;
      await model.save(
        tf.io.withSaveHandler(async (artifacts) => {
          saved = artifacts;
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        }),
      );
      expect(saved?.modelTopology).toBeDefined();
      expect(saved?.weightSpecs?.length).toBeGreaterThan(0);
      expect(saved?.weightData).toBeInstanceOf(ArrayBuffer);

      await tf.setBackend('cpu');
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
      const onCpu = loaded.predict(tf.tensor(x.dataSync(), x.shape)) as tf.Tensor;
      expectResultsClose(
        `${name} predictions`,
        [{ shape: onCpu.shape, values: onCpu.dataSync() as Float32Array }],
        [{ shape: onWasm.shape, values: onWasm.dataSync() as Float32Array }],
      );
    });
  }
});
