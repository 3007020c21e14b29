import { createRasterImage } from '@visioncad/vision-core/image';
import { describe, expect, it } from 'vitest';
import { buildGrayPyramid, halveGray } from './gray-pyramid';

describe('halveGray', () => {
  it('averages 2x2 blocks and drops an odd last column', () => {
    const image = createRasterImage(5, 2, 1, Uint8Array.from([0, 4, 10, 10, 99, 8, 4, 20, 30, 99]));
    const half = halveGray(image);
    expect([half.width, half.height]).toEqual([2, 1]);
    expect(Array.from(half.data)).toEqual([4, 18]);
  });

  it('rejects colour input', () => {
    expect(() => halveGray(createRasterImage(4, 4, 3))).toThrow(/1-channel/);
  });
});

describe('buildGrayPyramid', () => {
  it('halves until the level count or a side below 16 px', () => {
    const pyramid = buildGrayPyramid(createRasterImage(640, 480, 1), 4);
    expect(pyramid.levels.map((l) => `${l.width}x${l.height}`)).toEqual([
      '640x480',
      '320x240',
      '160x120',
      '80x60',
    ]);
    expect(buildGrayPyramid(createRasterImage(40, 20, 1), 4).levels).toHaveLength(2);
    expect(() => buildGrayPyramid(createRasterImage(4, 4, 1), 0)).toThrow(/>= 1/);
  });
});
