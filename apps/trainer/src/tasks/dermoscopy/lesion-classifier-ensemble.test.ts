import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyWithGradCam } from '@visioncad/dermoscopy/models/classify-with-grad-cam';
import { readModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';

import { syntheticHam, tinyClassifier } from './ham10000-fixtures.test-support';
import { mergedCommandChain } from './dermoscopy-training';
import { lesionClassifierEnsembleTask } from './lesion-classifier-ensemble';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainer train --task lesion-classifier-ensemble', () => {
  it('ships one model whose output is the weighted mean of the calibrated members, servable with Grad-CAM', async () => {
    const data = await syntheticHam();
    const a = await tinyClassifier({
      temperature: 1.5,
      command: 'npm run trainer -- train --task lesion-classification --data d --register',
    });
    const b = await tinyClassifier({
      temperature: 0.8,
      command:
        'npm run trainer -- train --task lesion-classification --data d && npm run trainer -- train --task lesion-precise-bn --model m',
    });
    const out = join(mkdtempSync(join(tmpdir(), 'lesion-ensemble-')), 'ensemble');
    const run = join(out, '..', 'run');
    await lesionClassifierEnsembleTask.train([
      '--members',
      `${a},${b}`,
      '--weights',
      '3,1',
      '--data',
      data,
      '--run',
      run,
      '--out',
      out,
    ]);

    const card = await readModelCard(out);
    expect(card.task).toBe('lesion-classification');
    expect(card.architecture).toMatch(
      /share 0\.75, its temperature 1\.500.*share 0\.25, its temperature 0\.800/,
    );
    // Each training step once, without re-registering a member, then this step.
    expect(card.command.split(' && ')).toEqual([
      'npm run trainer -- train --task lesion-classification --data d',
      'npm run trainer -- train --task lesion-precise-bn --model m',
      expect.stringMatching(/^npm run trainer -- train --task lesion-classifier-ensemble --members /),
    ]);
    expect(card.metrics['ham10000-test']).toMatchObject({ n: expect.any(Number) });
    expect(existsSync(join(out, 'calibration.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8')).temperature).toBeGreaterThan(0);

    const ensemble = await loadModel(out);
    const [ma, mb] = await Promise.all([loadModel(a), loadModel(b)]);
    const x = tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 3);
    const calibrated = (m: tf.LayersModel, t: number) => tf.softmax(tf.log(m.predict(x) as tf.Tensor).div(t));
    const expected = calibrated(ma, 1.5).mul(0.75).add(calibrated(mb, 0.8).mul(0.25)).dataSync();
    // float16 weights: close, not exact.
    Array.from((ensemble.predict(x) as tf.Tensor).dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo(expected[i], 2),
    );
    const pass = classifyWithGradCam(ensemble, x.slice([0], [1]) as tf.Tensor4D);
    expect(pass.heatMap!.width).toBe(16);
    expect(Math.max(...pass.heatMap!.data)).toBeLessThanOrEqual(1);
  }, 120_000);

  it('refuses members it cannot put in one graph, naming the card', async () => {
    const [a, b16seed, b32] = await Promise.all([
      tinyClassifier(),
      tinyClassifier({ seed: 12 }),
      tinyClassifier({ inputSize: 32 }),
    ]);
    const run = (members: string, extra: string[] = []) =>
      lesionClassifierEnsembleTask.train(['--members', members, '--data', 'x', '--out', 'y', ...extra]);
    await expect(run(a)).rejects.toThrow(/at least 2 model directories, got 1/);
    await expect(run(`${a},${b16seed}`)).rejects.toThrow(/card\.json: seed 12 differs/);
    await expect(run(`${a},${b32}`)).rejects.toThrow(
      /card\.json: input 32x32 differs .* one graph needs one input size/,
    );
    await expect(run(`${a},${a}`, ['--weights', '1'])).rejects.toThrow(
      /--weights needs one positive number per member \(2\), got "1"/,
    );
  });
});

describe('mergedCommandChain', () => {
  it('keeps each step once in first-seen order and drops --register', () => {
    expect(mergedCommandChain(['a --register && b', 'a && c', 'd'])).toBe('a && b && c && d');
  });
});
