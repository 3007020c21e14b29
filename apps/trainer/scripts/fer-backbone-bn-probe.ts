// Why a FER transfer backbone trained from scratch predicts one class in inference mode: trains it
// briefly on a seeded, shuffled subset of FER2013 Training, then on held-out faces of that subset
// counts the classes predicted (a) in inference mode (BatchNorm moving averages), (b) with batch
// statistics (training mode), (c) after one training-mode pass that sets every BatchNorm layer to its
// average batch statistics (what `--precise-bn` does before every validation), (d) after recomputing
// every layer's statistics exactly, layer by layer (precise BN, as the lesion nets do); it also checks
// that the wasm backend and the cpu backend give the same inference outputs with the same weights.
//   npx tsx apps/trainer/scripts/fer-backbone-bn-probe.ts --data <fer2013 folder> [--arch mobilenetv2]
//     [--faces 3200] [--epochs 3]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@visioncad/vision-core/backend-node';
import { averageBatchNormStatistics, recomputeBatchNormStatistics } from '@visioncad/vision-core/training';
import { findFerArchitecture } from '../src/tasks/fer/fer-architectures';
import { loadFerDataset } from '../src/tasks/fer/fer-datasets';
import { facesToBatch } from '../src/tasks/fer/fer-evaluation';
import { ferLabelIndex, ferModelLabels } from '../src/tasks/fer/fer-labels';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    arch: { type: 'string', default: 'mobilenetv2' },
    faces: { type: 'string', default: '3200' },
    epochs: { type: 'string', default: '3' },
  },
});
if (!values.data) throw new Error('pass --data <FER2013 folder>');
await selectBackend({ override: 'wasm', log: () => undefined });
const dataset = await loadFerDataset('fer2013-folder', values.data, ['Training']);
const labels = ferModelLabels(dataset.classes, 7);
// A seeded shuffle (the folder lists faces grouped by emotion).
const faces = [...dataset.faces];
let state = 7;
const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
for (let i = faces.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [faces[i], faces[j]] = [faces[j], faces[i]];
}
const subset = faces.slice(0, Number(values.faces));
const split = Math.round(subset.length * 0.85);
const x = facesToBatch(subset);
const y = tf.oneHot(
  subset.map((f) => ferLabelIndex(labels, f.emotion)),
  labels.length,
);
const [xTrain, xHeld] = [x.slice(0, split), x.slice(split)];
const [yTrain, yHeld] = [y.slice(0, split), y.slice(split)];
const truth = yHeld.argMax(1);

const model = findFerArchitecture(values.arch).build({ inputShape: [48, 48, 1], numClasses: labels.length });
model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const describe = (predicted: tf.Tensor) => {
  const accuracy = tf.tidy(() => predicted.equal(truth).mean().dataSync()[0]);
  return `accuracy ${accuracy.toFixed(3)}, ${new Set(predicted.dataSync()).size} classes predicted`;
};
for (let epoch = 1; epoch <= Number(values.epochs); epoch++) {
  const history = await model.fit(xTrain, yTrain, { batchSize: 32, epochs: 1, shuffle: true, verbose: 0 });
  const inference = tf.tidy(() => (model.predict(xHeld) as tf.Tensor).argMax(1));
  const batchStats = tf.tidy(() => (model.apply(xHeld, { training: true }) as tf.Tensor).argMax(1));
  console.log(
    `epoch ${epoch}: training accuracy ${Number((history.history.acc ?? history.history.accuracy)[0]).toFixed(3)}; held-out ` +
      `inference mode: ${describe(inference)}; batch statistics: ${describe(batchStats)}`,
  );
}

// The same weights on the cpu backend.
const wasmOutput = (model.predict(xHeld.slice(0, 32)) as tf.Tensor).dataSync();
await tf.setBackend('cpu');
const cpuOutput = (model.predict(xHeld.slice(0, 32)) as tf.Tensor).dataSync();
const difference = Math.max(...Array.from(wasmOutput, (v, i) => Math.abs(v - cpuOutput[i])));
console.log(`wasm vs cpu, same weights: largest probability difference ${difference.toExponential(2)}`);
await tf.setBackend('wasm');

// One training-mode pass over the training part, every BatchNorm layer (the backbone's included) set
// to the average of its per-batch statistics: what `trainer train --task fer --precise-bn` does
// before every validation.
await averageBatchNormStatistics(model, async function* () {
  for (let start = 0; start < split; start += 100)
    yield xTrain.slice(start, Math.min(100, split - start)) as tf.Tensor4D;
});
const averaged = tf.tidy(() => (model.predict(xHeld) as tf.Tensor).argMax(1));
console.log(`after averaging batch statistics (one pass), held-out inference mode: ${describe(averaged)}`);

// Precise BN on the backbone (the sub-model holding the BatchNorm layers), fed as the transfer model
// feeds it: gray repeated to 3 channels, resized to the backbone's input.
const backbone = model.layers.find((l) => l instanceof tf.LayersModel) as tf.LayersModel;
const [side, width] = backbone.inputs[0].shape.slice(1, 3) as number[];
await recomputeBatchNormStatistics(backbone, async function* () {
  for (let start = 0; start < split; start += 100) {
    yield tf.tidy(() => {
      const batch = xTrain.slice(start, Math.min(100, split - start)) as tf.Tensor4D;
      return tf.image.resizeBilinear(tf.concat([batch, batch, batch], -1) as tf.Tensor4D, [side, width]);
    });
  }
});
const precise = tf.tidy(() => (model.predict(xHeld) as tf.Tensor).argMax(1));
console.log(`after precise BN, held-out inference mode: ${describe(precise)}`);
process.exit(0);
