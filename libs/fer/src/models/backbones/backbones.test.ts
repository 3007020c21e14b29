import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildMobileNetV2 } from './mobilenet-v2';
import { buildResNet50 } from './resnet50';
import { buildVgg16 } from './vgg16';
import { buildXception } from './xception';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Keras' include_top=False parameter counts; they do not depend on the input size.
describe('backbones match their Keras counterparts', () => {
  it.each([
    ['VGG16', buildVgg16, [32, 32, 3], 14_714_688, [1, 1, 512], 19],
    ['ResNet50', buildResNet50, [32, 32, 3], 23_587_712, [1, 1, 2048], 175],
    // 150 layers: Keras adds 4 ZeroPadding2D layers where this build pads 'same' (same weights).
    ['MobileNetV2', buildMobileNetV2, [32, 32, 3], 2_257_984, [1, 1, 1280], 150],
    ['Xception', buildXception, [71, 71, 3], 20_861_480, [3, 3, 2048], 132],
  ] as const)('%s', (_name, build, inputShape, params, featureShape, layers) => {
    const model = build({ inputShape: [...inputShape] });
    expect(model.countParams()).toBe(params);
    expect(model.outputs[0].shape).toEqual([null, ...featureShape]);
    expect(model.layers).toHaveLength(layers);
    model.dispose();
  });

  it('refuses inputs below the architecture minimum', () => {
    expect(() => buildXception({ inputShape: [48, 48, 3] })).toThrow(/at least 71x71/);
    expect(() => buildVgg16({ inputShape: [16, 16, 3] })).toThrow(/at least 32x32/);
  });
});
