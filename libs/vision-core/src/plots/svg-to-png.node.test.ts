import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { confusionMatrixSvg } from './confusion-matrix-plot';
import { svgToPng } from './svg-to-png.node';

describe('svgToPng', () => {
  it('rasterises a plot at twice its pixel size by default', async () => {
    const svg = confusionMatrixSvg(
      [
        [3, 1],
        [0, 4],
      ],
      ['a', 'b'],
    );
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const png = await svgToPng(svg);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(width * 2);
  });
});
