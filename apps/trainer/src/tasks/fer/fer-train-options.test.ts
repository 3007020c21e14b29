import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ferArchitectureNames, findFerArchitecture } from './fer-architectures';
import { parseFerTrainOptions } from './fer-train-options';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const required = ['--data', 'd', '--format', 'ckplus48', '--arch', 'seed000', '--out', 'runs/x'];

describe('parseFerTrainOptions', () => {
  it('applies defaults and parses flags', () => {
    const o = parseFerTrainOptions([
      ...required,
      '--epochs',
      '3',
      '--labels',
      '4',
      '--class-weights',
      'balanced',
      '--augment',
      '--folds',
      '10',
    ]);
    expect(o).toMatchObject({
      format: 'ckplus48',
      epochs: 3,
      labels: 4,
      classWeights: true,
      augment: true,
      folds: 10,
      seed: 0,
      valFraction: 0.1,
    });
    expect(o.batch).toBeUndefined();
    expect(o.plateauPatience).toBeUndefined();
    expect(parseFerTrainOptions([...required, '--plateau-patience', '3']).plateauPatience).toBe(3);
    expect(o.auxiliary).toEqual([]);
    expect(o.inputBatchNorm).toBe(false);
    expect(o.preciseBatchNorm).toBeUndefined();
    expect(parseFerTrainOptions([...required, '--precise-bn', '4096']).preciseBatchNorm).toBe(4096);
    expect(o.swaStartEpoch).toBeUndefined();
    // 1-based on the command line (as the progress bar counts epochs), 0-based for fit.
    expect(parseFerTrainOptions([...required, '--precise-bn', '4096', '--swa-from', '3']).swaStartEpoch).toBe(
      2,
    );
    expect(o.distillFrom).toBeUndefined();
    expect(o.labelSmoothing).toBeUndefined();
    expect(o.randomErasing).toBeUndefined();
    expect(
      parseFerTrainOptions([...required, '--augment', '--label-smoothing', '0.1', '--random-erasing', '0.5']),
    ).toMatchObject({ labelSmoothing: 0.1, randomErasing: 0.5 });
    expect(o.keepLast).toBe(false);
    expect(parseFerTrainOptions([...required, '--keep-last']).keepLast).toBe(true);
    expect(parseFerTrainOptions([...required, '--distill-from', 'a/model,b/model'])).toMatchObject({
      distillFrom: ['a/model', 'b/model'],
      distillHardWeight: 0.5,
    });
    expect(
      parseFerTrainOptions([...required, '--distill-from', 'a', '--distill-hard-weight', '0.3'])
        .distillHardWeight,
    ).toBe(0.3);
    expect(
      parseFerTrainOptions([
        ...required,
        '--auxiliary',
        'ckplus48:/data/CK+48,jaffe:/data/jaffe:v2',
        '--gaussian-noise',
        '0.05',
        '--input-batchnorm',
      ]),
    ).toMatchObject({
      auxiliary: [
        { format: 'ckplus48', path: '/data/CK+48' },
        { format: 'jaffe', path: '/data/jaffe:v2' },
      ],
      gaussianNoise: 0.05,
      inputBatchNorm: true,
    });
  });

  it('names the bad flag', () => {
    expect(() => parseFerTrainOptions(['--data', 'd'])).toThrow(/needs --data, --format, --arch and --out/);
    expect(() => parseFerTrainOptions([...required, '--epochs', '0'])).toThrow(
      /--epochs must be a positive integer/,
    );
    expect(() => parseFerTrainOptions([...required, '--labels', '5'])).toThrow(/--labels must be 7 or 4/);
    expect(() => parseFerTrainOptions([...required, '--class-weights', 'inverse'])).toThrow(
      /only accepts "balanced"/,
    );
    expect(() => parseFerTrainOptions([...required, '--val-fraction', '1.5'])).toThrow(/between 0 and 1/);
    expect(() => parseFerTrainOptions([...required, '--auxiliary', '/data/CK+48'])).toThrow(
      /--auxiliary takes <format>:<path>.*got "\/data\/CK\+48"/,
    );
    expect(() => parseFerTrainOptions([...required, '--auxiliary', 'mnist:/data/m'])).toThrow(
      /--format mnist is not a FER dataset format/,
    );
    expect(() => parseFerTrainOptions([...required, '--gaussian-noise', '0'])).toThrow(
      /--gaussian-noise must be a positive standard deviation, got "0"/,
    );
    expect(() => parseFerTrainOptions([...required, '--precise-bn', 'all'])).toThrow(
      /--precise-bn must be a positive integer, got "all"/,
    );
    expect(() => parseFerTrainOptions([...required, '--swa-from', '2'])).toThrow(
      /--swa-from needs --precise-bn <faces>/,
    );
    expect(() => parseFerTrainOptions([...required, '--precise-bn', '64', '--swa-from', '0'])).toThrow(
      /--swa-from must be a positive integer, got "0"/,
    );
    expect(() => parseFerTrainOptions([...required, '--distill-from', ','])).toThrow(
      /--distill-from needs at least one model directory/,
    );
    expect(() =>
      parseFerTrainOptions([...required, '--distill-from', 'a', '--distill-hard-weight', '2']),
    ).toThrow(/--distill-hard-weight must be between 0 and 1, got "2"/);
    expect(() => parseFerTrainOptions([...required, '--distill-hard-weight', '0.5'])).toThrow(
      /--distill-hard-weight needs --distill-from/,
    );
    expect(() => parseFerTrainOptions([...required, '--label-smoothing', '1'])).toThrow(
      /--label-smoothing must be between 0 and 1, got "1"/,
    );
    expect(() => parseFerTrainOptions([...required, '--augment', '--random-erasing', '1.2'])).toThrow(
      /--random-erasing must be a probability above 0 and at most 1, got "1.2"/,
    );
    expect(() => parseFerTrainOptions([...required, '--random-erasing', '0.5'])).toThrow(
      /--random-erasing is part of the augmentation: add --augment/,
    );
    expect(() => parseFerTrainOptions([...required, '--plateau-patience', '0'])).toThrow(
      /--plateau-patience must be a positive integer/,
    );
    expect(() =>
      parseFerTrainOptions(['--data', 'd', '--format', 'mnist', '--arch', 'a', '--out', 'o']),
    ).toThrow(/--format mnist is not a FER dataset format/);
  });
});

describe('FER architectures', () => {
  it('registers the seed CNNs and every transfer backbone', () => {
    expect(ferArchitectureNames()).toEqual(
      expect.arrayContaining(['seed000', 'seed003', 'seed003-ckplus', 'vgg16', 'mobilenetv2']),
    );
    expect(() => findFerArchitecture('lenet')).toThrow(/--arch lenet is unknown; use one of seed000/);
  });

  it('builds the transfer backbones for 48x48 gray faces, Xception resized up to its 71 px minimum', () => {
    for (const name of ['mobilenetv2', 'xception']) {
      const model = findFerArchitecture(name).build({ inputShape: [48, 48, 1], numClasses: 7 });
      expect(model.inputs[0].shape).toEqual([null, 48, 48, 1]);
      expect(model.outputs[0].shape).toEqual([null, 7]);
      model.dispose();
    }
    const noisy = findFerArchitecture('mobilenetv2').build({
      inputShape: [48, 48, 1],
      numClasses: 7,
      gaussianNoise: 0.1,
      inputBatchNorm: true,
    });
    expect(noisy.layers.map((l) => l.name)).toEqual(expect.arrayContaining(['input_bn', 'input_noise']));
    noisy.dispose();
    expect(findFerArchitecture('mobilenetv2').inputLayers).toBe(true);
    expect(findFerArchitecture('seed000').inputLayers).toBeFalsy();
  });

  it('builds seed000 for the requested classes; --freeze needs --init-from', () => {
    const seed000 = findFerArchitecture('seed000');
    const model = seed000.build({ inputShape: [48, 48, 1], numClasses: 4 });
    expect(model.outputs[0].shape).toEqual([null, 4]);
    model.dispose();
    expect(() => seed000.build({ inputShape: [48, 48, 1], numClasses: 7, freeze: true })).toThrow(
      /--freeze, --unfreeze-last and --keep-classifier need --init-from/,
    );
  });

  it('--keep-classifier continues a pretrained seed000 with its classifier: same predictions', () => {
    const seed000 = findFerArchitecture('seed000');
    const pretrained = seed000.build({ inputShape: [48, 48, 1], numClasses: 7 });
    const continued = seed000.build({
      inputShape: [48, 48, 1],
      numClasses: 7,
      initFrom: pretrained,
      keepClassifier: true,
    });
    const fresh = seed000.build({ inputShape: [48, 48, 1], numClasses: 7, initFrom: pretrained });
    const x = tf.randomUniform([2, 48, 48, 1], 0, 1, 'float32', 2);
    const expected = Array.from((pretrained.predict(x) as tf.Tensor).dataSync());
    Array.from((continued.predict(x) as tf.Tensor).dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo(expected[i], 5),
    );
    expect(Array.from((fresh.predict(x) as tf.Tensor).dataSync())).not.toEqual(expected);
    expect(parseFerTrainOptions([...required, '--init-from', 'm', '--keep-classifier']).keepClassifier).toBe(
      true,
    );
  });

  it('fine-tunes seed000 from a pretrained seed000: its weights, a new head, frozen layers', () => {
    const seed000 = findFerArchitecture('seed000');
    const pretrained = seed000.build({ inputShape: [48, 48, 1], numClasses: 7 });
    const tuned = seed000.build({
      inputShape: [48, 48, 1],
      numClasses: 4,
      initFrom: pretrained,
      unfreezeLast: 4,
    });
    expect(Array.from(tuned.getLayer('conv1').getWeights()[0].dataSync())).toEqual(
      Array.from(pretrained.getLayer('conv1').getWeights()[0].dataSync()),
    );
    expect(tuned.outputs[0].shape).toEqual([null, 4]);
    expect(tuned.layers.filter((l) => l.trainable && l.weights.length).map((l) => l.name)).toEqual([
      'fc1024',
      'fc1024_bn',
      'predictions',
    ]);
    pretrained.dispose();
    tuned.dispose();
  });
});
