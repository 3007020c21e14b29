// Integration: the fer task end to end on a tiny synthetic FER2013 image-folder release — train
// (and resume), evaluate, explain.
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { FER2013_CLASSES } from '@visioncad/fer';
import { writeGrayImage } from '@visioncad/fer/node/synthetic-images.test-support';
import { selectBackend } from '@visioncad/vision-core/backend-node';
import { decodeImageFile } from '@visioncad/vision-core/image-node';
import { readFittedOn, readModelCard } from '@visioncad/vision-core/models-node';
import { loadModel } from '@visioncad/vision-core/training-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ferTask } from './fer';
import { readOutOfFold } from './fer/fer-out-of-fold';

let root: string;
const data = () => join(root, 'fer2013');
const run = () => join(root, 'run');

/** Each emotion gets its own stripe period, so even one epoch can learn something. */
const stripes = (c: number, i: number) => (x: number, y: number) =>
  (((y + i) >> (c % 4)) % 2 ? 200 : 40) ^ (c * 16 + x);

beforeAll(async () => {
  await selectBackend({ override: 'wasm', threads: 1, log: () => undefined });
  root = await mkdtemp(join(tmpdir(), 'fer-task-'));
  for (const [c, emotion] of FER2013_CLASSES.entries()) {
    for (let i = 0; i < 6; i++)
      await writeGrayImage(
        join(data(), 'train', emotion, `Training_${c * 10 + i}.jpg`),
        48,
        48,
        stripes(c, i),
      );
    for (let i = 0; i < 2; i++)
      await writeGrayImage(
        join(data(), 'test', emotion, `PublicTest_${c * 10 + i}.jpg`),
        48,
        48,
        stripes(c, i + 7),
      );
  }
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const trainArgs = () => [
  '--data',
  data(),
  '--format',
  'fer2013-folder',
  '--arch',
  'seed000',
  '--epochs',
  '1',
  '--batch',
  '8',
  '--optimizer',
  'adam',
  '--seed',
  '3',
  '--augment',
  '--val-fraction',
  '0.2',
  '--out',
  run(),
];

describe('fer task', () => {
  it('trains, writes the model, card, metrics and plots', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await ferTask.train(trainArgs());
    const modelDir = join(run(), 'model');
    const card = await readModelCard(modelDir);
    expect(card.task).toBe('fer');
    expect(card.labels).toEqual([...FER2013_CLASSES]);
    expect(card.data).toMatchObject({ dataset: 'FER2013', testSize: 14 });
    expect(card.data.trainSize + card.data.validationSize!).toBe(42);
    expect(card.command).toContain('--arch seed000');
    expect(card.metrics['FER2013 PublicTest']).toMatchObject({ n: 14 });
    // The training crops' eye framing, for cutting served faces the same way (all 42 training faces).
    expect(card.input.faceFraming?.measured).toBe(
      "at training: face-api's landmarks on 42 of its FER2013 training crops, evenly spaced",
    );
    expect(card.input.faceFraming!.distance).toBeGreaterThan(0);
    for (const f of ['model.json', 'metrics.json', 'metrics.confusion.png', 'card.md'])
      await access(join(modelDir, f));
    await access(join(run(), 'checkpoint.ckpt'));
    await access(join(run(), 'training-curves.png'));
    const log = (await readFile(join(run(), 'metrics.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(log[0])).toHaveProperty('val_accuracy');
  }, 120_000);

  it('resumes a finished run from its checkpoint instead of retraining', async () => {
    const before = await readFile(join(run(), 'model', 'metrics.json'), 'utf8');
    await ferTask.train(trainArgs());
    expect(await readFile(join(run(), 'model', 'metrics.json'), 'utf8')).toBe(before);
  }, 120_000);

  it('--auxiliary adds CK+ faces to training only; contempt, which FER2013 lacks, is left out', async () => {
    const ck = join(root, 'ckplus48-auxiliary');
    const folders = ['anger', 'contempt', 'happy'];
    for (const [c, folder] of folders.entries()) {
      for (let s = 0; s < 2; s++) {
        await writeGrayImage(join(ck, folder, `S30${s}_00${c + 1}_00000012.png`), 48, 48, stripes(c, s));
      }
    }
    const out = join(root, 'auxiliary-run');
    const args = trainArgs().map((a) => (a === run() ? out : a));
    await ferTask.train([...args, '--auxiliary', `ckplus48:${ck}`]);
    const card = await readModelCard(join(out, 'model'));
    // The same 42 FER2013 training faces as the plain run, plus 4 CK+ faces in the training part.
    expect(card.data.trainSize + card.data.validationSize!).toBe(46);
    expect(card.data).toMatchObject({ testSize: 14 });
    expect(card.data.split).toMatch(
      /training also on 4 CK\+48 faces from .*\(contempt left out: no class here\)/,
    );
    // fitted-on.json names the CK+ people it trained on (FER2013 is scored by partition, not listed).
    expect((await readFittedOn(join(out, 'model')))?.datasets).toEqual({
      'CK+48': { unit: 'subject', ids: ['S300', 'S301'] },
    });
    expect((await readFittedOn(join(run(), 'model')))?.datasets).toEqual({});
    // In-app data as the portal exports it: <emotion>/<subject>_<image>.png crops of any size.
    const inApp = join(root, 'in-app-faces');
    await writeGrayImage(join(inApp, 'happy', 'P-1_img1.png'), 64, 64, stripes(3, 1));
    await writeGrayImage(join(inApp, 'sad', 'P-2_img2.png'), 48, 48, stripes(4, 1));
    const inAppOut = join(root, 'auxiliary-in-app');
    await ferTask.train([
      ...trainArgs().map((a) => (a === run() ? inAppOut : a)),
      '--auxiliary',
      `emotion-folder:${inApp}`,
    ]);
    const inAppCard = await readModelCard(join(inAppOut, 'model'));
    expect(inAppCard.data.trainSize + inAppCard.data.validationSize!).toBe(44);
    expect(inAppCard.data.split).toMatch(/training also on 2 emotion folder faces from/);
    await expect(ferTask.train([...args, '--auxiliary', `fer2013-folder:${data()}`])).rejects.toThrow(
      /--auxiliary fer2013-folder:.* is the training data itself/,
    );
    await expect(ferTask.train([...args, '--gaussian-noise', '0.1'])).rejects.toThrow(
      /--gaussian-noise and --input-batchnorm apply to the transfer backbones; --arch seed000/,
    );
  }, 120_000);

  it('evaluates: report fields for the known classes and a confusion-matrix PNG', async () => {
    const modelDir = join(run(), 'model');
    const out = join(root, 'eval', 'publictest.json');
    const metrics = await ferTask.evaluate({
      modelDir,
      card: await readModelCard(modelDir),
      data: data(),
      format: 'fer2013-folder',
      out,
    });
    for (const key of [
      'accuracy',
      'balancedAccuracy',
      'macroF1',
      'weightedF1',
      'rocAucMacro',
      'labels',
      'perClass',
      'confusionMatrix',
      'n',
    ]) {
      expect(metrics).toHaveProperty(key);
    }
    expect(metrics.n).toBe(14);
    expect(Object.keys(metrics.perClass as object)).toEqual([...FER2013_CLASSES]);
    expect((metrics.perClass as Record<string, object>).happy).toEqual(
      expect.objectContaining({
        precision: expect.any(Number),
        recall: expect.any(Number),
        f1: expect.any(Number),
        support: 2,
        tpr: expect.any(Number),
        fpr: expect.any(Number),
      }),
    );
    expect((metrics.confusionMatrix as number[][]).flat().reduce((a, b) => a + b, 0)).toBe(14);
    const png = await decodeImageFile(join(root, 'eval', 'publictest.confusion.png'));
    expect(png.width).toBeGreaterThan(100);
  }, 120_000);

  it('explains a prediction with a Grad-CAM heat map', async () => {
    const out = join(root, 'explain.png');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await ferTask.train([
      '--explain',
      join(data(), 'test', 'happy', 'PublicTest_30.jpg'),
      '--model',
      join(run(), 'model'),
      '--out',
      out,
    ]);
    const printed = JSON.parse(log.mock.calls[0][0] as string) as { label: string; method: string };
    expect(FER2013_CLASSES).toContain(printed.label);
    expect(printed.method).toBe('gradcam');
    const image = await decodeImageFile(out);
    expect([image.width, image.height, image.channels]).toEqual([192, 192, 3]);
  }, 60_000);
});

describe('fer task: CK+ subject-wise cross-validation', () => {
  it("trains one model per fold and pools every subject's test predictions", async () => {
    const ck = join(root, 'ckplus48');
    const folders = ['anger', 'contempt', 'disgust', 'fear', 'happy', 'sadness', 'surprise'];
    for (const [c, folder] of folders.entries()) {
      for (let s = 0; s < 4; s++) {
        await writeGrayImage(join(ck, folder, `S10${s}_00${c + 1}_00000012.png`), 48, 48, stripes(c, s));
      }
    }
    const out = join(root, 'cv');
    await ferTask.train([
      '--data',
      ck,
      '--format',
      'ckplus48',
      '--arch',
      'seed000',
      '--epochs',
      '1',
      '--batch',
      '8',
      '--folds',
      '2',
      '--val-fraction',
      '0.5',
      '--out',
      out,
    ]);
    const metrics = JSON.parse(await readFile(join(out, 'cv-metrics.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(metrics.n).toBe(28);
    expect(metrics.labels).toEqual(['angry', 'contempt', 'disgust', 'fear', 'happy', 'sad', 'surprise']);
    expect(metrics.foldAccuracy).toHaveLength(2);
    await access(join(out, 'cv-metrics.confusion.png'));
    await access(join(out, 'fold-1', 'checkpoint.ckpt'));
    // Out-of-fold predictions for --cv-ensemble: every face once, from the fold that held it out.
    const oof = await readOutOfFold(join(out, 'cv-oof.json'));
    expect(oof.samples).toHaveLength(28);
    expect(oof.labels).toEqual(metrics.labels);
    expect(new Set(oof.samples.map((s) => s.fold))).toEqual(new Set([0, 1]));
    expect(oof.samples[0].file).toMatch(/^[a-z]+\/S10\d_00\d_00000012\.png$/);
    const flipped = await readOutOfFold(join(out, 'cv-oof-flip.json'));
    expect(flipped.samples.map((s) => [s.file, s.fold])).toEqual(oof.samples.map((s) => [s.file, s.fold]));
    expect(flipped.model).toMatch(/flip/);
    for (const subject of ['S100', 'S101', 'S102', 'S103']) {
      expect(new Set(oof.samples.filter((s) => s.subject === subject).map((s) => s.fold)).size).toBe(1);
    }
  }, 180_000);
});

describe('fer task: CNN-BiLSTM over CK+ 3-frame sequences', () => {
  const folders = ['anger', 'contempt', 'disgust', 'fear', 'happy', 'sadness', 'surprise'];
  const ck = () => join(root, 'ckplus48-sequences');

  beforeAll(async () => {
    for (const [c, folder] of folders.entries()) {
      for (let s = 0; s < 4; s++) {
        for (const frame of [10, 11, 12]) {
          await writeGrayImage(
            join(ck(), folder, `S20${s}_00${c + 1}_000000${frame}.png`),
            48,
            48,
            stripes(c, s + frame),
          );
        }
      }
    }
  }, 60_000);

  const args = (out: string, extra: string[]) => [
    '--data',
    ck(),
    '--format',
    'ckplus48',
    '--arch',
    'cnn-bilstm',
    '--epochs',
    '1',
    '--batch',
    '4',
    '--val-fraction',
    '0.25',
    '--out',
    out,
    ...extra,
  ];

  it('cross-validates by subject on whole sequences, each fold from the pretrained encoder', async () => {
    const out = join(root, 'bilstm-cv');
    // --init-from in CV: every fold builds on the pretrained layers (an earlier fold's disposal
    // must not take them with it).
    await ferTask.train(args(out, ['--folds', '2', '--init-from', join(run(), 'model'), '--freeze']));
    const metrics = JSON.parse(await readFile(join(out, 'cv-metrics.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    // 28 sequences (84 frames), each scored once.
    expect(metrics.n).toBe(28);
    expect(metrics.foldSizes).toEqual([14, 14]);
    expect(metrics.command).toContain('--arch cnn-bilstm');
  }, 180_000);

  it('trains on a subject split, saves a model that loads and takes stacked frames', async () => {
    const out = join(root, 'bilstm');
    await ferTask.train(args(out, ['--test-fraction', '0.25']));
    const card = await readModelCard(join(out, 'model'));
    expect(card.input.channels).toBe(3);
    expect(card.input.preprocessing.at(-1)).toMatch(/last 3 frames of a sequence stacked as channels/);
    expect(card.input.faceFraming).toBeUndefined();
    expect(card.metrics['CK+48 held-out subjects']).toMatchObject({ n: 7 });
    // The three training/validation subjects are listed; evaluate scores the fourth on its own.
    const fitted = (await readFittedOn(join(out, 'model')))!.datasets['CK+48'];
    expect(fitted.ids).toHaveLength(3);
    const metrics = await ferTask.evaluate({
      modelDir: join(out, 'model'),
      card,
      data: ck(),
      format: 'ckplus48',
      out: join(root, 'eval', 'bilstm.json'),
    });
    expect(metrics).toMatchObject({ n: 7, heldOut: { scored: 7, excluded: 21 } });
    const model = await loadModel(join(out, 'model'));
    expect(model.inputs[0].shape).toEqual([null, 48, 48, 3]);
    model.dispose();
  }, 180_000);

  it('fine-tunes a frozen pretrained single-frame CNN as the per-frame encoder', async () => {
    const out = join(root, 'bilstm-init');
    await ferTask.train(
      args(out, ['--test-fraction', '0.25', '--init-from', join(run(), 'model'), '--freeze']),
    );
    const model = await loadModel(join(out, 'model'));
    const pretrained = await loadModel(join(run(), 'model'));
    const kernel = (m: tf.LayersModel) =>
      Array.from(
        m.weights
          .find((w) => w.originalName.endsWith('conv1/kernel'))!
          .read()
          .dataSync(),
      );
    // The seed000 encoder was frozen: its convolutions are the pretrained ones, unchanged.
    expect(kernel(model)).toEqual(kernel(pretrained));
    expect(model.getLayer('bilstm').getWeights().length).toBeGreaterThan(0);
    model.dispose();
    pretrained.dispose();
  }, 180_000);
});

describe('fer task: probability-averaging ensemble', () => {
  it('combines trained models into one model, scored beside each member on the same faces', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = join(root, 'run-seed4');
    const args = trainArgs();
    args[args.indexOf('--seed') + 1] = '4';
    args[args.indexOf('--out') + 1] = second;
    await ferTask.train(args);
    const out = join(root, 'ensemble');
    const members = [join(run(), 'model'), join(second, 'model')];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await ferTask.train([
      '--ensemble',
      members.join(','),
      '--data',
      data(),
      '--format',
      'fer2013-folder',
      '--out',
      out,
    ]);
    const summary = JSON.parse(await readFile(join(out, 'members.json'), 'utf8')) as {
      ensemble: { accuracy: number; n: number };
      members: { model: string; report: { n: number } }[];
    };
    expect(summary.members.map((m) => m.model)).toEqual(members);
    expect(summary.members.map((m) => m.report.n)).toEqual([14, 14]);
    const modelDir = join(out, 'model');
    const card = await readModelCard(modelDir);
    expect(card.name).toBe('fer-ensemble');
    expect(card.architecture).toContain(`probability-averaging ensemble of ${members[0]} (custom CNN`);
    // The members' training commands, then the ensemble's.
    expect(card.command.split(' && ')).toHaveLength(3);
    expect(card.command).toMatch(/--seed 3 .* && .*--seed 4 .* && .*--ensemble/);
    expect(Object.keys(card.metrics)).toHaveLength(3);
    await access(join(modelDir, 'metrics.confusion.png'));
    // The shipped directory is an ordinary model: `evaluate` scores it like a single one.
    const metrics = await ferTask.evaluate({
      modelDir,
      card,
      data: data(),
      format: 'fer2013-folder',
      out: join(root, 'eval', 'ensemble.json'),
    });
    expect(metrics).toMatchObject({ n: 14, accuracy: summary.ensemble.accuracy });

    // --weights: one per member, recorded on the card.
    const ensembleArgs = ['--ensemble', members.join(','), '--data', data(), '--format', 'fer2013-folder'];
    await ferTask.train([...ensembleArgs, '--weights', '3,1', '--out', join(root, 'ensemble-weighted')]);
    const weighted = await readModelCard(join(root, 'ensemble-weighted', 'model'));
    expect(weighted.architecture).toMatch(/; weights 3:1$/);
    await expect(
      ferTask.train([...ensembleArgs, '--weights', '1', '--out', join(root, 'bad')]),
    ).rejects.toThrow(/--weights must be 2 positive numbers, one per --ensemble member, got "1"/);
  }, 180_000);

  it('--distill-from trains a student toward the ensemble of both runs (smoothed, erased, last epoch kept) and says so on its card', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const teachers = [join(run(), 'model'), join(root, 'run-seed4', 'model')];
    const student = join(root, 'run-distilled');
    const args = trainArgs();
    args[args.indexOf('--out') + 1] = student;
    await ferTask.train([
      ...args,
      '--distill-from',
      teachers.join(','),
      '--distill-hard-weight',
      '0.4',
      '--label-smoothing',
      '0.1',
      '--random-erasing',
      '0.5',
      '--keep-last',
    ]);
    const card = await readModelCard(join(student, 'model'));
    expect(card.limits.join(' ')).toContain(
      `every training target was 0.4 x the face's label + 0.6 x the probabilities of the probability average of ${teachers[0]} and ${teachers[1]}`,
    );
    // The distillation target is smoothed, and the augmentation erases rectangles.
    expect(card.limits.join(' ')).toContain(
      'Label smoothing 0.1: every training target was 0.9 x its row + 0.1 / 7',
    );
    expect(card.limits.join(' ')).toContain('Random erasing: 50% of training faces');
    expect(card.limits.join(' ')).toContain(
      'the last epoch is kept (--keep-last), not the best validation epoch',
    );
    expect(card.training?.optimizer).toContain('(last epoch kept)');
    expect(card.command).toContain('--distill-from');
    // A teacher that predicts other classes is refused before any training.
    const other = join(root, 'bilstm', 'model');
    await expect(
      ferTask.train([...args.slice(0, -1), join(root, 'run-bad-teacher'), '--distill-from', other]),
    ).rejects.toThrow(
      new RegExp(`--distill-from ${other} predicts angry, contempt.*same labels in the same order`),
    );
  }, 180_000);

  it('refuses members with other labels, naming the directory', async () => {
    const other = join(root, 'bilstm', 'model');
    await expect(
      ferTask.train([
        '--ensemble',
        `${join(run(), 'model')},${other}`,
        '--data',
        data(),
        '--format',
        'fer2013-folder',
        '--out',
        join(root, 'bad-ensemble'),
      ]),
    ).rejects.toThrow(new RegExp(`${other} predicts angry, contempt.*same labels in the same order`));
    await expect(
      ferTask.train([
        '--ensemble',
        join(run(), 'model'),
        '--data',
        data(),
        '--format',
        'fer2013-folder',
        '--out',
        'x',
      ]),
    ).rejects.toThrow(/at least 2 model directories/);
  });
});
