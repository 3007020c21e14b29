// Integration: `train --task fer-svm` on a tiny synthetic CK+48 folder (nested subject-wise CV, the
// shipped model, its card), with a FER2013-trained CNN's activations as features, and `evaluate`
// of the saved model on a synthetic FER2013 release.
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CKPLUS_CLASSES, FER2013_CLASSES } from '@visioncad/fer';
import { readSvmExpressionModelFile } from '@visioncad/fer/node';
import { writeGrayImage } from '@visioncad/fer/node/synthetic-images.test-support';
import { selectBackend } from '@visioncad/vision-core/backend-node';
import { readFittedOn, readModelCard, writeModelCard } from '@visioncad/vision-core/models-node';
import { saveModel } from '@visioncad/vision-core/training-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { readOutOfFold } from './fer-out-of-fold';
import { testFerCard } from './fer-card.test-support';
import { ferFittedOnTask } from './fer-fitted-on';
import { ferSvmTask } from './fer-svm';

let root: string;
const ckplus = () => join(root, 'ckplus48');
const fer2013 = () => join(root, 'fer2013');
/** One subject the SVMs were fitted on (S100) and one nobody saw (S200). */
const ckplusNew = () => join(root, 'ckplus48-new');
const CK_FOLDERS = ['anger', 'contempt', 'disgust', 'fear', 'happy', 'sadness', 'surprise'];

/** Each emotion has its own stripe orientation and period; subjects shift the phase. */
const stripes = (c: number, phase: number) => (x: number, y: number) =>
  ((([x, y, x + y, x - y + 48][c % 4] + phase) >> (1 + (c % 3))) % 2 ? 190 : 50) + ((x * y) % 7);

/** A small FER2013 "CNN" with a card, saved where fer-svm can read its activations. */
async function saveFerCnn(dir: string, dataset: string): Promise<void> {
  const input = tf.input({ shape: [48, 48, 1] });
  const pooled = tf.layers.averagePooling2d({ poolSize: 8, name: 'pool' }).apply(input);
  const flat = tf.layers.flatten({ name: 'flat' }).apply(pooled);
  const fc = tf.layers.dense({ units: 8, activation: 'relu', name: 'fc' }).apply(flat);
  const head = tf.layers.dense({ units: 7, activation: 'softmax', name: 'head' }).apply(fc);
  const model = tf.model({ inputs: input, outputs: head as tf.SymbolicTensor });
  await saveModel(model, dir);
  const card = testFerCard('tiny-fer-cnn', dataset, model.countParams());
  await writeModelCard(dir, card);
  model.dispose();
}

beforeAll(async () => {
  await selectBackend({ override: 'wasm', threads: 1, log: () => undefined });
  root = await mkdtemp(join(tmpdir(), 'fer-svm-'));
  for (const [c, folder] of CK_FOLDERS.entries()) {
    for (const [subject, phase] of [
      ['S100', 0],
      ['S200', 7],
    ] as const) {
      for (const frame of [10, 11, 12]) {
        const name = `${subject}_00${c + 1}_000000${frame}.png`;
        await writeGrayImage(join(ckplusNew(), folder, name), 48, 48, stripes(c, phase + frame));
      }
    }
    for (let s = 0; s < 6; s++) {
      for (const frame of [10, 11, 12]) {
        await writeGrayImage(
          join(ckplus(), folder, `S10${s}_00${c + 1}_000000${frame}.png`),
          48,
          48,
          stripes(c, s * 3 + frame),
        );
      }
    }
  }
  for (const [c, emotion] of FER2013_CLASSES.entries()) {
    const ck = [0, 2, 3, 3, 4, 5, 6][c]; // the CK+ pattern of the same emotion (neutral borrows fear's)
    for (let i = 0; i < 2; i++) {
      await writeGrayImage(
        join(fer2013(), 'test', emotion, `PublicTest_${c}${i}.jpg`),
        48,
        48,
        stripes(ck, i),
      );
    }
  }
  await saveFerCnn(join(root, 'models', 'fer-cnn'), 'FER2013');
  await saveFerCnn(join(root, 'models', 'ck-cnn'), 'CK+48');
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fer-svm task', () => {
  it('measures the procedure by nested subject-wise CV and ships the SVM fitted on every subject', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const out = join(root, 'models', 'fer-svm');
    const run = join(root, 'run');
    await ferSvmTask.train([
      '--data',
      ckplus(),
      '--lbp',
      '--lbp-grid',
      '3',
      '--kernels',
      'linear',
      '--folds',
      '3',
      '--inner-folds',
      '2',
      '--run',
      run,
      '--out',
      out,
    ]);
    const card = await readModelCard(out);
    expect(card.task).toBe('fer-svm');
    expect(card.labels).toEqual([...CKPLUS_CLASSES]);
    expect(card.data).toMatchObject({ dataset: 'CK+48', trainSize: 126, testSize: 126 });
    expect(card.architecture).toMatch(/^linear C-SVC \(C [\d.]+\) on \d+ features: HOG .*, uniform LBP/);
    const cv = card.metrics['CK+48 subject-wise 3-fold (nested)'] as Record<string, number>;
    expect(cv.n).toBe(126);
    expect(cv.accuracy).toBeGreaterThan(0.5);
    expect(cv).not.toHaveProperty('rocAucMacro');
    const platt = card.metrics['CK+48 subject-wise 3-fold (nested), Platt probabilities'] as Record<
      string,
      number
    >;
    expect(platt.n).toBe(126);
    expect(platt.rocAucMacro).toBeGreaterThan(0.5);
    const metrics = JSON.parse(await readFile(join(run, 'cv-metrics.json'), 'utf8')) as { folds: unknown[] };
    expect(metrics.folds).toHaveLength(3);
    await access(join(run, 'cv-metrics.confusion.png'));
    const oof = await readOutOfFold(join(run, 'cv-oof.json'));
    expect(oof.samples).toHaveLength(126);
    expect(new Set(oof.samples.map((s) => s.fold))).toEqual(new Set([0, 1, 2]));
    const { json, cnnDir } = await readSvmExpressionModelFile(out);
    expect(json.features).toMatchObject({ hog: { cellSize: 8 }, lbp: { gridX: 3 } });
    // A linear SVM ships as its 21 pairwise weight vectors, not its support vectors.
    expect(json.svm).toMatchObject({ format: 'linear-svm-ovo' });
    expect(cnnDir).toBeUndefined();
    // Where the training crops put the eyes, for cutting new faces the same way.
    for (const value of Object.values(json.framing!)) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(1);
    }
    expect(card.input.faceFraming).toEqual({
      ...json.framing,
      measured: "at training: face-api's landmarks on all 126 of its CK+48 training crops",
    });
    expect(card.input.preprocessing[0]).toMatch(
      /^face crop framed as CK\+48's: eyes level, midpoint \(0\.\d+, 0\.\d+\)/,
    );
    // fitted-on.json: every subject, so evaluate scores only people the model never saw.
    const subjects = ['S100', 'S101', 'S102', 'S103', 'S104', 'S105'];
    const fittedOn = await readFittedOn(out);
    expect(fittedOn?.datasets).toEqual({ 'CK+48': { unit: 'subject', ids: subjects } });
    const report = await ferSvmTask.evaluate({
      modelDir: out,
      card,
      data: ckplusNew(),
      format: 'ckplus48',
      out: join(root, 'eval', 'ck-new.json'),
    });
    expect(report).toMatchObject({ n: 21, skipped: 0, heldOut: { scored: 21, excluded: 21 } });
    await expect(
      ferSvmTask.evaluate({
        modelDir: out,
        card,
        data: ckplus(),
        format: 'ckplus48',
        out: join(root, 'eval', 'ck.json'),
      }),
    ).rejects.toThrow(
      `every image of ${ckplus()} belongs to a subject the model was fitted on (fitted-on.json)`,
    );
    // fer-fitted-on rebuilds the list of a model trained before training wrote it, after checking
    // the folder against the card.
    await rm(join(out, 'fitted-on.json'));
    await expect(ferFittedOnTask.train(['--model', out, '--data', ckplusNew()])).rejects.toThrow(
      `${out}/card.json: ${ckplusNew()} has 42 faces of 2 subjects but the card records 126 faces of 6: not the folder the model was trained on`,
    );
    expect(await readFittedOn(out)).toBeNull();
    await ferFittedOnTask.train(['--model', out, '--data', ckplus()]);
    expect((await readFittedOn(out))?.datasets).toEqual(fittedOn?.datasets);
  }, 120_000);

  it("adds a FER2013 CNN's activations, records where the CNN is, and evaluates on FER2013", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const out = join(root, 'models', 'fer-svm-cnn');
    await ferSvmTask.train([
      '--data',
      ckplus(),
      '--cnn-features',
      join(root, 'models', 'fer-cnn'),
      '--cnn-layer',
      'fc|flat,fc',
      '--cnn-flip',
      '--kernels',
      'linear',
      '--folds',
      '0',
      '--inner-folds',
      '2',
      '--out',
      out,
    ]);
    const card = await readModelCard(out);
    expect(card.metrics).toEqual({});
    expect(card.data.split).toMatch(/not measured/);
    expect(card.architecture).toMatch(
      /tiny-fer-cnn activations \((fc|flat, fc), averaged with the mirror image\)/,
    );
    const { json, cnnDir } = await readSvmExpressionModelFile(out);
    expect(json.features.cnn).toMatchObject({ model: '../fer-cnn', flip: true });
    expect(cnnDir).toBe(join(out, '..', 'fer-cnn'));
    const report = await ferSvmTask.evaluate({
      modelDir: out,
      card,
      data: fer2013(),
      format: 'fer2013-folder',
      out: join(root, 'eval', 'fer2013.json'),
    });
    // FER2013 has no contempt: its 14 PublicTest faces are all scored, over the 6 shared emotions
    // and neutral is absent from CK+, so those 2 faces are skipped.
    expect(report).toMatchObject({ n: 12, skipped: 2, dataset: 'FER2013' });
    expect(report.labels).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise']);
    expect(report.oneVsOneVoteAccuracy).toBeGreaterThanOrEqual(0);
    expect(report.crop).toMatch(/^each face cut again with the training crops' eye framing/);
    await access(join(root, 'eval', 'fer2013.confusion.png'));
    // Without its fitted-on.json a model trained on CK+48 is not scored there at all.
    await rm(join(out, 'fitted-on.json'));
    await expect(
      ferSvmTask.evaluate({
        modelDir: out,
        card,
        data: ckplusNew(),
        format: 'ckplus48',
        out: join(root, 'eval', 'ck.json'),
      }),
    ).rejects.toThrow(
      /fer-svm-cnn was trained on CK\+48 and has no fitted-on.json naming the subjects it saw/,
    );
  }, 120_000);

  it('refuses a CNN trained on the same data, data without subjects, and bad options, naming them', async () => {
    const out = join(root, 'models', 'bad');
    const args = (...extra: string[]) => ['--data', ckplus(), '--folds', '0', '--out', out, ...extra];
    await expect(ferSvmTask.train(args('--cnn-features', join(root, 'models', 'ck-cnn')))).rejects.toThrow(
      /ck-cnn was trained on CK\+48; its features would carry the test subjects' labels/,
    );
    await expect(
      ferSvmTask.train(['--data', fer2013(), '--format', 'fer2013-folder', '--out', out]),
    ).rejects.toThrow(/PublicTest_00\.jpg has none: use a CK\+48, JAFFE or emotion folder/);
    await expect(ferSvmTask.train(args('--kernels', 'sigmoid'))).rejects.toThrow(/--kernels "sigmoid"/);
    await expect(ferSvmTask.train(args('--cnn-layer', 'fc||flat'))).rejects.toThrow(
      /--cnn-layer "fc\|\|flat"/,
    );
    await expect(ferSvmTask.train(args('--scaling', 'l2'))).rejects.toThrow(/--scaling "l2"/);
    await expect(ferSvmTask.train(args('--folds', '1.5'))).rejects.toThrow(
      /--folds "1.5": give a non-negative integer/,
    );
    await expect(readSvmExpressionModelFile(join(root, 'models'))).rejects.toThrow(
      /svm\.json: cannot read the SVM model/,
    );
  });
});
