// Which test-time augmentation to bake into a FER2013 model, chosen on validation: scores one trained
// model on the run's validation split (10% of Training, stratified, the seed's) and on PublicTest
// with the mean softmax over several view sets (plain; + mirror; + 2 px shifts; + a centre zoom).
// Read the validation lines to choose, then bake the choice in with `trainer export --test-time-flip
// [--test-time-zoom <px>]` and score the export with `trainer evaluate`.
//   npx tsx apps/trainer/scripts/fer-tta-probe.ts --model runs/<x>/model --data <fer2013 folder> [--seed 0]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@visioncad/vision-core/backend-node';
import { loadModel } from '@visioncad/vision-core/training-node';
import { loadFerDataset, type FerFace } from '../src/tasks/fer/fer-datasets';
import { facesToBatch } from '../src/tasks/fer/fer-evaluation';
import { ferLabelIndex, ferModelLabels } from '../src/tasks/fer/fer-labels';
import { carveValidation, splitTest } from '../src/tasks/fer/fer-splits';

const { values } = parseArgs({
  options: { model: { type: 'string' }, data: { type: 'string' }, seed: { type: 'string', default: '0' } },
});
if (!values.model || !values.data) throw new Error('pass --model <tfjs model dir> --data <FER2013 folder>');
await selectBackend({ log: () => undefined });
const model = await loadModel(values.model);
const dataset = await loadFerDataset('fer2013-folder', values.data);
const labels = ferModelLabels(dataset.classes, 7);
const { pool, test } = splitTest(dataset.faces, 0.2, 0);
const { validation } = carveValidation(
  pool,
  pool.map((f) => ferLabelIndex(labels, f.emotion)),
  0.1,
  Number(values.seed),
);

type View = (x: tf.Tensor4D) => tf.Tensor4D;
const mirror: View = (x) => tf.reverse(x, 2);
const shift =
  (dy: number, dx: number): View =>
  (x) =>
    tf.slice(
      tf.pad(x, [
        [0, 0],
        [2, 2],
        [2, 2],
        [0, 0],
      ]),
      [0, 2 + dy, 2 + dx, 0],
      [-1, 48, 48, 1],
    );
const zoom =
  (m: number): View =>
  (x) =>
    tf.image.resizeBilinear(tf.slice(x, [0, m, m, 0], [-1, 48 - 2 * m, 48 - 2 * m, 1]), [48, 48]);
const views: Record<string, View> = {
  plain: (x) => x,
  mirror,
  zoom2: zoom(2),
  zoom2Mirror: (x) => mirror(zoom(2)(x)),
  zoom4: zoom(4),
  zoom4Mirror: (x) => mirror(zoom(4)(x)),
};
for (const [dy, dx] of [
  [2, 0],
  [-2, 0],
  [0, 2],
  [0, -2],
]) {
  views[`shift${dy},${dx}`] = shift(dy, dx);
  views[`shift${dy},${dx}Mirror`] = (x) => mirror(shift(dy, dx)(x));
}
const shifts = Object.keys(views).filter((k) => k.startsWith('shift'));
const viewSets: Record<string, string[]> = {
  plain: ['plain'],
  flip: ['plain', 'mirror'],
  'flip + 2 px shifts': ['plain', 'mirror', ...shifts],
  'flip + zoom 2 px': ['plain', 'mirror', 'zoom2', 'zoom2Mirror'],
  'flip + zoom 4 px': ['plain', 'mirror', 'zoom4', 'zoom4Mirror'],
  'flip + zoom 2 and 4 px': ['plain', 'mirror', 'zoom2', 'zoom2Mirror', 'zoom4', 'zoom4Mirror'],
};

for (const [setName, faces] of [
  ['validation', validation],
  ['PublicTest', test],
] as Array<[string, FerFace[]]>) {
  const truth = faces.map((f) => ferLabelIndex(labels, f.emotion));
  // Softmax rows of every view, once each.
  const rows: Record<string, number[][]> = {};
  for (let start = 0; start < faces.length; start += 256) {
    const chunk = faces.slice(start, start + 256);
    const x = facesToBatch(chunk);
    for (const [name, view] of Object.entries(views)) {
      const y = tf.tidy(() => (model.predict(view(x)) as tf.Tensor).arraySync() as number[][]);
      (rows[name] ??= []).push(...y);
    }
    x.dispose();
  }
  for (const [name, members] of Object.entries(viewSets)) {
    let correct = 0;
    for (let i = 0; i < faces.length; i++) {
      const mean = labels.map((_, k) => members.reduce((s, v) => s + rows[v][i][k], 0));
      if (mean.indexOf(Math.max(...mean)) === truth[i]) correct++;
    }
    console.log(`${setName} (${faces.length}) ${name}: accuracy ${(correct / faces.length).toFixed(4)}`);
  }
}
// The threaded wasm backend's workers would otherwise keep Node alive.
process.exit(0);
