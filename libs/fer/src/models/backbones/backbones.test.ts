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

  it('starts VGG16 from He initialisation over the fan-out, so its 13 ReLU convolutions keep the signal', () => {
    const model = buildVgg16({ inputShape: [32, 32, 3] });
    // 3x3x512x512: fan-out 4,608, so the standard deviation is sqrt(2 / 4608) = 0.0208 (Glorot: 0.0147).
    const kernel = model.getLayer('block5_conv3').getWeights()[0];
    const std = tf.tidy(() => tf.moments(kernel).variance.sqrt().dataSync()[0]);
    expect(std).toBeGreaterThan(0.0208 * 0.95);
    expect(std).toBeLessThan(0.0208 * 1.05);
    model.dispose();
  });

  it('refuses inputs below the architecture minimum', () => {
    expect(() => buildXception({ inputShape: [48, 48, 3] })).toThrow(/at least 71x71/);
    expect(() => buildVgg16({ inputShape: [16, 16, 3] })).toThrow(/at least 32x32/);
  });
});
