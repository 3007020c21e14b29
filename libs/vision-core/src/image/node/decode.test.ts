import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { writeTestBmp } from '../bmp-writer.test-support';
import { decodeImageBuffer, decodeImageFile } from './decode';
import { encodePng } from './encode-png';
import { ImageDecodeError } from '../image-decode-error';
import { createRasterImage } from '../raster-image';

// 5 pixels wide so every bit depth needs row padding.
const W = 5;
const H = 3;
const rgb = createRasterImage(
  W,
  H,
  3,
  new Uint8Array(W * H * 3).map((_, i) => (i * 37 + 11) % 256),
);
const indices = createRasterImage(
  W,
  H,
  1,
  new Uint8Array(W * H).map((_, i) => (i * 5) % 4),
);
const bits = createRasterImage(
  W,
  H,
  1,
  new Uint8Array(W * H).map((_, i) => (i % 3 === 0 ? 1 : 0)),
);

describe('decodeImageBuffer: BMP', () => {
  it.each([false, true])('decodes 24-bit RGB (topDown=%s)', async (topDown) => {
    const out = await decodeImageBuffer(writeTestBmp(rgb, { bitsPerPixel: 24, topDown }), 'a.bmp');
    expect(out.channels).toBe(3);
    expect([out.width, out.height]).toEqual([W, H]);
    expect(Array.from(out.data)).toEqual(Array.from(rgb.data));
  });

  it('decodes a 1-bit mask with a black/white palette to 0/255 gray', async () => {
    const out = await decodeImageBuffer(writeTestBmp(bits, { bitsPerPixel: 1 }), 'IMD001_lesion.bmp');
    expect(out.channels).toBe(1);
    expect(Array.from(out.data)).toEqual(Array.from(bits.data, (v) => v * 255));
  });

  it('honours an inverted 1-bit palette', async () => {
    const palette: Array<[number, number, number]> = [
      [255, 255, 255],
      [0, 0, 0],
    ];
    const out = await decodeImageBuffer(writeTestBmp(bits, { bitsPerPixel: 1, palette }), 'inv.bmp');
    expect(Array.from(out.data)).toEqual(Array.from(bits.data, (v) => (v ? 0 : 255)));
  });

  it('decodes 8-bit gray and 8-bit colour palettes', async () => {
    const gray = await decodeImageBuffer(writeTestBmp(indices, { bitsPerPixel: 8 }), 'g.bmp');
    expect(gray.channels).toBe(1);
    expect(Array.from(gray.data)).toEqual(Array.from(indices.data));
    const palette = Array.from({ length: 256 }, (_, i): [number, number, number] => [i, 255 - i, 7]);
    const colour = await decodeImageBuffer(writeTestBmp(indices, { bitsPerPixel: 8, palette }), 'c.bmp');
    expect(colour.channels).toBe(3);
    expect(Array.from(colour.data.subarray(0, 6))).toEqual([0, 255, 7, 1, 254, 7]);
  });

  it('decodes 32-bit BI_RGB as RGB', async () => {
    const out = await decodeImageBuffer(writeTestBmp(rgb, { bitsPerPixel: 32 }), 'x.bmp');
    expect(out.channels).toBe(3);
    expect(Array.from(out.data)).toEqual(Array.from(rgb.data));
  });

  it('reports truncated pixel data with the file name', async () => {
    const bmp = writeTestBmp(rgb, { bitsPerPixel: 24 });
    await expect(decodeImageBuffer(bmp.subarray(0, bmp.length - 3), 'IMD002.bmp')).rejects.toThrow(
      /IMD002\.bmp: BMP pixel data needs \d+ bytes .* but the file has \d+/,
    );
  });

  it('refuses images over the pixel limit before decoding', async () => {
    const bmp = writeTestBmp(rgb, { bitsPerPixel: 24 });
    const error = await decodeImageBuffer(bmp, 'big.bmp', { maxPixels: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect((error as ImageDecodeError).problem).toBe('too-many-pixels');
    expect((error as Error).message).toMatch(/big\.bmp: BMP is 5x3 = 15 pixels, over the limit of 10/);
  });

  it('refuses RLE compression as unsupported', async () => {
    const bmp = writeTestBmp(indices, { bitsPerPixel: 8 });
    new DataView(bmp.buffer).setUint32(30, 1, true);
    await expect(decodeImageBuffer(bmp, 'rle.bmp')).rejects.toThrow(/compression 1 .* not supported/);
  });
});

describe('decodeImageBuffer: sharp formats', () => {
  it('round-trips PNG through encodePng for 1, 3 and 4 channels', async () => {
    for (const channels of [1, 3, 4] as const) {
      const img = createRasterImage(
        4,
        3,
        channels,
        new Uint8Array(4 * 3 * channels).map((_, i) => (i * 29) % 256),
      );
      const out = await decodeImageBuffer(await encodePng(img), `rt${channels}.png`);
      expect(out.channels).toBe(channels);
      expect(Array.from(out.data)).toEqual(Array.from(img.data));
    }
  });

  it('decodes JPEG, TIFF and WebP', async () => {
    const raw = { raw: { width: 8, height: 8, channels: 3 as const } };
    const pixels = Buffer.alloc(8 * 8 * 3, 128);
    for (const fmt of ['jpeg', 'tiff', 'webp'] as const) {
      const buf = await sharp(pixels, raw).toFormat(fmt).toBuffer();
      const out = await decodeImageBuffer(buf, `x.${fmt}`);
      expect([out.width, out.height, out.channels]).toEqual([8, 8, 3]);
      expect(Math.abs(out.data[0] - 128)).toBeLessThan(4);
    }
  });

  it('names the problem for unknown, empty, truncated and oversized inputs', async () => {
    await expect(decodeImageBuffer(new Uint8Array([1, 2, 3, 4]), 'notes.txt')).rejects.toThrow(
      /notes\.txt: not a JPEG, PNG, TIFF, WebP or BMP file \(starts with bytes 01 02 03 04\)/,
    );
    await expect(decodeImageBuffer(new Uint8Array(0), 'empty.png')).rejects.toThrow(
      /empty\.png: file is empty/,
    );
    const noisy = Buffer.from(new Uint8Array(64 * 64 * 3).map((_, i) => (i * 7919) % 251));
    const jpeg = await sharp(noisy, { raw: { width: 64, height: 64, channels: 3 } })
      .jpeg()
      .toBuffer();
    const truncated = await decodeImageBuffer(jpeg.subarray(0, jpeg.length >> 1), 'cut.jpg').catch((e) => e);
    expect(truncated).toBeInstanceOf(ImageDecodeError);
    expect((truncated as ImageDecodeError).problem).toBe('truncated');
    expect((truncated as Error).message).toMatch(/^cut\.jpg: /);
    const big = await decodeImageBuffer(jpeg, 'big.jpg', { maxPixels: 100 }).catch((e) => e);
    expect((big as ImageDecodeError).problem).toBe('too-many-pixels');
  });
});

describe('decodeImageFile', () => {
  it('reads from disk and names a missing path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-decode-'));
    const path = join(dir, 'a.bmp');
    writeFileSync(path, writeTestBmp(rgb, { bitsPerPixel: 24 }));
    expect((await decodeImageFile(path)).width).toBe(W);
    await expect(decodeImageFile(join(dir, 'missing.png'))).rejects.toThrow(
      /missing\.png: cannot read image file/,
    );
  });
});
