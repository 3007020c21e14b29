import { describe, expect, it } from 'vitest';
import { fitGaussianNovelty, gaussianNoveltyToJSON } from '@visioncad/vision-core/features';
import { IMAGE_NOVELTY_FORMAT, judgeNovelty, parseImageNovelty, type ImageNoveltyJson } from './image-novelty';

const gaussian = gaussianNoveltyToJSON(
  fitGaussianNovelty([
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ]),
);
const valid: ImageNoveltyJson = {
  format: IMAGE_NOVELTY_FORMAT,
  version: 1,
  layer: 'features',
  gaussian,
  threshold: 3,
  quantile: 0.95,
  fittedOn: 'four points',
};

describe('image novelty', () => {
  it('flags features farther than the threshold', () => {
    const novelty = parseImageNovelty(valid, 'novelty.json');
    expect(judgeNovelty(novelty, [0.5, 0.5])).toMatchObject({ distance: 0, unusual: false, threshold: 3 });
    expect(judgeNovelty(novelty, [10, -10]).unusual).toBe(true);
  });

  it('names the file and the field of a malformed novelty.json', () => {
    expect(() => parseImageNovelty({ ...valid, format: 'x' }, 'm/novelty.json')).toThrow(
      /m\/novelty.json: not a VisionCAD image-novelty file/,
    );
    expect(() => parseImageNovelty({ ...valid, layer: '' }, 'n')).toThrow(/"layer" must name/);
    expect(() => parseImageNovelty({ ...valid, threshold: -1 }, 'n')).toThrow(/"threshold" must be a positive number, got -1/);
    expect(() => parseImageNovelty({ ...valid, quantile: 1 }, 'n')).toThrow(/"quantile" must be between 0 and 1/);
    expect(() => parseImageNovelty({ ...valid, gaussian: { ...gaussian, mean: [1] } }, 'n')).toThrow(
      /n "gaussian": "mean" must be 2 finite numbers/,
    );
  });
});
