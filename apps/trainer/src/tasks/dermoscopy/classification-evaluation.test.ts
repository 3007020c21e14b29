import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildLesionResnet } from '@visioncad/dermoscopy/models/lesion-resnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  classificationMetrics,
  predictLogProbabilities,
  writeClassificationPlots,
} from './classification-evaluation';

const labels = ['akiec', 'bcc', 'bkl', 'df', 'mel', 'nv', 'vasc'];
let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'lesion-eval-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lesion classifier evaluation', () => {
  it('scores log-probabilities of a model: report, melanoma vs rest, calibration and plots', async () => {
    const model = buildLesionResnet({ inputSize: 16, baseFilters: 4, stages: 2, numClasses: 7 });
    const images = Array.from({ length: 21 }, (_, i) => ({ path: `img${i}`, label: i % 7 }));
    // Synthetic images whose brightness depends on the path, decoded in memory.
    const decode = async (path: string) => {
      const v = Number(path.slice(3)) * 10;
      return { width: 16, height: 16, channels: 3, data: new Uint8Array(16 * 16 * 3).fill(v) };
    };
    const logProbs = await predictLogProbabilities(tf, model, images, decode, 8);
    expect(logProbs).toHaveLength(21);
    expect(logProbs[0].reduce((s, v) => s + Math.exp(v), 0)).toBeCloseTo(1, 4);

    const y = images.map((s) => s.label);
    const m = classificationMetrics(logProbs, y, labels, 2, 'mel');
    expect(m.n).toBe(21);
    expect(m.positiveClass).toBe('mel');
    expect(m.perClass.mel.support).toBe(3);
    expect(m.auc).toBeGreaterThanOrEqual(0);
    expect(m.auc).toBeLessThanOrEqual(1);
    expect(m.ece).toBeGreaterThanOrEqual(0);
    // The stored curve data is the calibrated probabilities': its bins give back the ECE.
    const bins = m.reliabilityBins ?? [];
    expect(bins.reduce((s, b) => s + (b.count / 21) * Math.abs(b.accuracy - b.confidence), 0)).toBeCloseTo(
      m.ece,
      12,
    );
    expect(m.rocCurves?.mel.auc).toBeCloseTo(m.auc, 12);
    // A temperature above 1 flattens the calibrated probabilities.
    const peaked = y.map((label) => labels.map((_, k) => (k === label ? 0 : -3)));
    const atOne = classificationMetrics(peaked, y, labels, 1, 'mel');
    const atTwo = classificationMetrics(peaked, y, labels, 2, 'mel');
    expect(Math.max(...atTwo.probs[0])).toBeLessThan(Math.max(...atOne.probs[0]));
    expect(atOne.balancedAccuracy).toBe(1);
    expect(atOne.sensitivity).toBe(1);
    expect(atOne.specificity).toBe(1);

    const files = await writeClassificationPlots(
      join(dir, 'test'),
      labels,
      y,
      m.probs,
      m.confusionMatrix,
      m.ece,
    );
    expect(files).toHaveLength(4);
    for (const f of files) expect((await readFile(f)).subarray(1, 4).toString()).toBe('PNG');
    model.dispose();
  });
});
