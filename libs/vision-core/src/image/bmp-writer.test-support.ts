import type { RasterImage } from './raster-image';

/** How a test BMP is laid out. */
export interface TestBmpOptions {
  bitsPerPixel: 1 | 8 | 24 | 32;
  /** Store rows top-down (negative height) instead of the usual bottom-up. */
  topDown?: boolean;
  /** Palette for 1/8-bit files as [r, g, b] entries; defaults to a gray ramp. Pixel values are indices. */
  palette?: Array<[number, number, number]>;
}

/**
 * Writes a BITMAPINFOHEADER BMP byte for byte from the Microsoft layout, independently of any
 * decoder, so tests can check the decoder against files they fully control.
 * For 1/8-bit the raster must be 1-channel palette indices; 24-bit needs RGB; 32-bit RGB or RGBA.
 */
export function writeTestBmp(image: RasterImage, options: TestBmpOptions): Uint8Array {
  const { width, height, channels, data } = image;
  const bpp = options.bitsPerPixel;
  const paletteSize = bpp <= 8 ? 1 << bpp : 0;
  const palette =
    options.palette ??
    Array.from({ length: paletteSize }, (_, i): [number, number, number] => {
      const v = Math.round((i * 255) / (paletteSize - 1));
      return [v, v, v];
    });
  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  const pixelOffset = 14 + 40 + paletteSize * 4;
  const size = pixelOffset + rowBytes * height;
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  buf[0] = 0x42;
  buf[1] = 0x4d;
  view.setUint32(2, size, true);
  view.setUint32(10, pixelOffset, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, options.topDown ? -height : height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, bpp, true);
  view.setUint32(30, 0, true);
  view.setUint32(34, rowBytes * height, true);
  view.setUint32(46, paletteSize, true);
  for (let i = 0; i < paletteSize; i++) {
    const [r, g, b] = palette[i] ?? [0, 0, 0];
    buf[54 + i * 4] = b;
    buf[54 + i * 4 + 1] = g;
    buf[54 + i * 4 + 2] = r;
  }
  for (let y = 0; y < height; y++) {
    const fileRow = options.topDown ? y : height - 1 - y;
    const rowStart = pixelOffset + fileRow * rowBytes;
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * channels;
      if (bpp === 1) {
        if (data[p]) buf[rowStart + (x >> 3)] |= 0x80 >> (x & 7);
      } else if (bpp === 8) {
        buf[rowStart + x] = data[p];
      } else {
        const o = rowStart + x * (bpp / 8);
        buf[o] = data[p + 2];
        buf[o + 1] = data[p + 1];
        buf[o + 2] = data[p];
        if (bpp === 32) buf[o + 3] = channels === 4 ? data[p + 3] : 255;
      }
    }
  }
  return buf;
}
