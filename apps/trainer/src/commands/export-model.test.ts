import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFlipAveraging, buildSeed000Cnn } from '@visioncad/fer';
import { buildAveragingEnsemble, nestedModelNames } from '@visioncad/vision-core/ensemble';
import {
  readFittedOn,
  readModelCard,
  writeFittedOn,
  writeModelCard,
} from '@visioncad/vision-core/models-node';
import { loadModel, saveModel } from '@visioncad/vision-core/training-node';
import { exportModel } from './export-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A small trained-model directory: seed-000 CNN weights plus the shipped card with 3 labels. */
async function trainedModelDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'export-src-'));
  await saveModel(buildSeed000Cnn({ numClasses: 3 }), dir);
  const shipped = await readModelCard('models/fer-seed000');
  await writeModelCard(dir, { ...shipped, name: 'tiny', labels: ['angry', 'happy', 'neutral'] });
  return dir;
}

describe('exportModel', () => {
  it('bakes flip averaging into a uint8 copy that loads alone and predicts the mean of both views', async () => {
    const src = await trainedModelDir();
    const out = await mkdtemp(join(tmpdir(), 'export-out-'));
    const bytes = await exportModel({
      modelDir: src,
      outDir: out,
      quantization: 'uint8',
      testTimeFlip: true,
    });

    const card = await readModelCard(out);
    expect(card.architecture).toMatch(/; horizontal-flip test-time averaging$/);
    expect(card.weights).toEqual({ quantization: 'uint8', bytes });
    expect(bytes).toBe((await stat(join(out, 'group1-shard1of1.bin'))).size);
    expect(await readFile(join(out, 'metrics.json')).catch(() => 'absent')).toBe('absent');

    const trained = await loadModel(src);
    const exported = await loadModel(out);
    const x = tf.randomUniform([2, 48, 48, 1], 0, 1, 'float32', 5);
    const expected = (trained.predict(x) as tf.Tensor)
      .add(trained.predict(tf.reverse(x, 2)) as tf.Tensor)
      .div(2);
    // uint8 weights: probabilities agree to quantization error, not bit for bit.
    Array.from((exported.predict(x) as tf.Tensor).dataSync()).forEach((v, i) =>
      expect(Math.abs(v - expected.dataSync()[i])).toBeLessThan(0.05),
    );
  });

  it('--test-time-zoom adds the centre zoom and its mirror (four views); it needs the flip', async () => {
    const src = await trainedModelDir();
    const out = await mkdtemp(join(tmpdir(), 'export-out-'));
    await exportModel({
      modelDir: src,
      outDir: out,
      quantization: 'none',
      testTimeFlip: true,
      testTimeZoom: 2,
    });
    expect((await readModelCard(out)).architecture).toMatch(
      /; horizontal-flip and 2 px centre-zoom test-time averaging$/,
    );
    const trained = await loadModel(src);
    const x = tf.randomUniform([2, 48, 48, 1], 0, 1, 'float32', 8);
    const zoomed = tf.image.resizeBilinear(
      tf.slice(x, [0, 2, 2, 0], [-1, 44, 44, 1]) as tf.Tensor4D,
      [48, 48],
    );
    const expected = tf
      .addN([x, tf.reverse(x, 2), zoomed, tf.reverse(zoomed, 2)].map((v) => trained.predict(v) as tf.Tensor))
      .div(4)
      .dataSync();
    const got = ((await loadModel(out)).predict(x) as tf.Tensor).dataSync();
    Array.from(got).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    await expect(
      exportModel({ modelDir: src, outDir: out, quantization: 'none', testTimeZoom: 2 }),
    ).rejects.toThrow(/--test-time-zoom needs --test-time-flip/);
  });

  it('--member takes one network out of an ensemble exported with test-time views', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'export-ensemble-'));
    const networks = [buildSeed000Cnn({ numClasses: 3 }), buildSeed000Cnn({ numClasses: 3 })];
    const ensemble = buildFlipAveraging(buildAveragingEnsemble(networks, 'pair'), 'pair_views');
    await saveModel(ensemble, dir);
    const shipped = await readModelCard('models/fer-seed000');
    await writeModelCard(dir, { ...shipped, name: 'pair', labels: ['angry', 'happy', 'neutral'] });
    const names = nestedModelNames(ensemble);
    expect(names).toHaveLength(3);
    expect(names[0]).toBe('pair');
    const member = names[1]; // the first network

    const out = await mkdtemp(join(tmpdir(), 'export-member-'));
    await exportModel({ modelDir: dir, outDir: out, quantization: 'none', member });
    const card = await readModelCard(out);
    expect(card.architecture).toMatch(new RegExp(`^network ${member} of pair \\(`));
    expect(card.command).toMatch(
      new RegExp(`&& npm run trainer -- export --model ${dir} --member ${member} --out ${out}$`),
    );
    expect(card.metrics).toEqual({});

    const alone = await loadModel(out);
    // The network again, under its own layer names: fine-tuning (--init-from) finds them.
    expect(alone.layers.map((l) => l.name)).toEqual(networks[0].layers.map((l) => l.name));
    const x = tf.randomUniform([2, 48, 48, 1], 0, 1, 'float32', 6);
    const expected = (networks[0].predict(x) as tf.Tensor).dataSync();
    expect(Array.from((alone.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(expected));

    await expect(
      exportModel({ modelDir: dir, outDir: out, quantization: 'none', member: 'm9' }),
    ).rejects.toThrow(`${dir} has no nested network "m9"; its nested networks: pair, `);
  });

  it('without flip averaging keeps the architecture and the graph', async () => {
    const src = await trainedModelDir();
    const out = await mkdtemp(join(tmpdir(), 'export-out-'));
    await exportModel({ modelDir: src, outDir: out, quantization: 'none' });
    expect((await readModelCard(out)).architecture).toBe((await readModelCard(src)).architecture);
    const x = tf.randomUniform([1, 48, 48, 1], 0, 1, 'float32', 6);
    const a = ((await loadModel(src)).predict(x) as tf.Tensor).dataSync();
    const b = ((await loadModel(out)).predict(x) as tf.Tensor).dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('carries fitted-on.json, so evaluate keeps scoring only what the trained model never saw', async () => {
    const src = await trainedModelDir();
    const out = await mkdtemp(join(tmpdir(), 'export-out-'));
    const fittedOn = { note: 'trained', datasets: { 'CK+48': { unit: 'subject', ids: ['S005', 'S010'] } } };
    await writeFittedOn(src, fittedOn);
    await exportModel({ modelDir: src, outDir: out, quantization: 'uint8', testTimeFlip: true });
    expect(await readFittedOn(out)).toEqual(fittedOn);
    const bare = await mkdtemp(join(tmpdir(), 'export-out-'));
    await exportModel({ modelDir: await trainedModelDir(), outDir: bare, quantization: 'none' });
    expect(await readFittedOn(bare)).toBeNull();
  });
});
