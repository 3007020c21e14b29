import {
  blackHat,
  createRasterImage,
  dilate,
  dilateMask,
  diskStructuringElement,
  erode,
  erodeMask,
  lineStructuringElement,
  medianFilter,
  type RasterImage,
  type StructuringElement,
} from '@visioncad/vision-core/image';
import seedrandom from 'seedrandom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { medianFilterFast } from './median3x3';
import {
  blackHatFast,
  dilateFast,
  dilateMaskFast,
  erodeFast,
  erodeMaskFast,
  setSimdMorphology,
} from './run-morphology';

function randomImage(
  width: number,
  height: number,
  channels: 1 | 3,
  seed: string,
  levels = 256,
): RasterImage {
  const rng = seedrandom(seed);
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(rng() * levels) * Math.floor(256 / levels);
  return createRasterImage(width, height, channels, data);
}

/** The elements dermoscopy uses plus awkward ones (without the origin, disconnected, one point). */
const ELEMENTS: Array<[string, StructuringElement]> = [
  ...Array.from({ length: 16 }, (_, k): [string, StructuringElement] => [
    `line 15 at ${(180 * k) / 16}°`,
    lineStructuringElement(15, (180 * k) / 16),
  ]),
  ['line 4 at 30°', lineStructuringElement(4, 30)],
  ['disk 0', diskStructuringElement(0)],
  ['disk 2', diskStructuringElement(2)],
  ['disk 5', diskStructuringElement(5)],
  ['off-origin pair', { dx: Int32Array.from([2, 5]), dy: Int32Array.from([-1, 3]) }],
  ['empty', { dx: new Int32Array(0), dy: new Int32Array(0) }],
];

const SIZES: Array<[number, number]> = [
  [37, 23],
  [300, 7],
  [5, 3],
  [1, 9],
];

describe.each([
  ['WebAssembly SIMD', true],
  ['JS', false],
])('run-length morphology (%s path) equals vision-core morphology', (_, simd) => {
  beforeEach(() => setSimdMorphology(simd));
  afterEach(() => setSimdMorphology(true));

  for (const [name, se] of ELEMENTS) {
    it(`dilate / erode / black-hat with ${name}`, () => {
      for (const [w, h] of SIZES) {
        const image = randomImage(w, h, 1, `${name}${w}`);
        expect([...dilateFast(image, se).data]).toEqual([...dilate(image, se).data]);
        expect([...erodeFast(image, se).data]).toEqual([...erode(image, se).data]);
        expect([...blackHatFast(image, se).data]).toEqual([...blackHat(image, se).data]);
      }
    });
  }

  it('on an image large enough to grow the WebAssembly memory several times', () => {
    const image = randomImage(260, 190, 1, 'large');
    for (const se of [diskStructuringElement(5), lineStructuringElement(15, 33.75)]) {
      expect([...blackHatFast(image, se).data]).toEqual([...blackHat(image, se).data]);
    }
  });

  it('on binary masks', () => {
    const image = randomImage(41, 29, 1, 'mask', 2);
    const mask = { width: 41, height: 29, data: image.data.map((v) => (v ? 1 : 0)) };
    const disk = diskStructuringElement(3);
    expect([...dilateMaskFast(mask, disk).data]).toEqual([...dilateMask(mask, disk).data]);
    expect([...erodeMaskFast(mask, disk).data]).toEqual([...erodeMask(mask, disk).data]);
  });

  it('rejects colour images', () => {
    expect(() => dilateFast(randomImage(4, 4, 3, 'rgb'), diskStructuringElement(1))).toThrow(/1-channel/);
  });
});

describe('medianFilterFast equals the sliding-histogram median', () => {
  for (const [w, h] of [
    [31, 17],
    [1, 1],
    [2, 7],
    [6, 1],
  ] as Array<[number, number]>) {
    it(`3x3 on random ${w}x${h} RGB and gray images`, () => {
      for (const channels of [1, 3] as const) {
        const image = randomImage(w, h, channels, `median${w}x${h}x${channels}`);
        expect([...medianFilterFast(image, 1).data]).toEqual([...medianFilter(image, 1).data]);
      }
    });
  }

  it('with many ties (few gray levels)', () => {
    const image = randomImage(40, 30, 3, 'ties', 3);
    expect([...medianFilterFast(image, 1).data]).toEqual([...medianFilter(image, 1).data]);
  });

  it('falls back to the general filter for other radii', () => {
    const image = randomImage(20, 12, 3, 'r2');
    expect([...medianFilterFast(image, 2).data]).toEqual([...medianFilter(image, 2).data]);
    expect([...medianFilterFast(image, 0).data]).toEqual([...image.data]);
  });
});
