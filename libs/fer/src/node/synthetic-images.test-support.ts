import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import sharp from 'sharp';

/** Writes a gray image whose pixel (x, y) is `pixel(x, y)`, in the format of the file extension. */
export async function writeGrayImage(
  path: string,
  width: number,
  height: number,
  pixel: (x: number, y: number) => number = (x, y) => (x * 5 + y * 3) % 256,
): Promise<void> {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = pixel(x, y);
  await mkdir(dirname(path), { recursive: true });
  const image = sharp(data, { raw: { width, height, channels: 1 } });
  if (/\.png$/i.test(path)) await image.png().toFile(path);
  else if (/\.tiff?$/i.test(path)) await image.tiff().toFile(path);
  else await image.jpeg({ quality: 100 }).toFile(path);
}

/**
 * Writes an uncompressed 8-bit palette TIFF (PhotometricInterpretation 3 + ColorMap), the encoding of
 * some JAFFE files, which sharp cannot write. Index i is coloured gray level `gray(i)`.
 */
export async function writePaletteTiff(
  path: string,
  width: number,
  height: number,
  index: (x: number, y: number) => number,
  gray: (i: number) => number,
): Promise<void> {
  const entries: [tag: number, type: number, count: number, value: number][] = [];
  const headerAndIfd = 8 + 2 + 10 * 12 + 4;
  const colorMapOffset = headerAndIfd;
  const pixelOffset = colorMapOffset + 3 * 256 * 2;
  entries.push(
    [256, 3, 1, width],
    [257, 3, 1, height],
    [258, 3, 1, 8],
    [259, 3, 1, 1],
    [262, 3, 1, 3],
    [273, 4, 1, pixelOffset],
    [277, 3, 1, 1],
    [278, 3, 1, height],
    [279, 4, 1, width * height],
    [320, 3, 3 * 256, colorMapOffset],
  );
  const buf = Buffer.alloc(pixelOffset + width * height);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(8, 4);
  buf.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    buf.writeUInt16LE(tag, at);
    buf.writeUInt16LE(type, at + 2);
    buf.writeUInt32LE(count, at + 4);
    if (type === 3 && count === 1) buf.writeUInt16LE(value, at + 8);
    else buf.writeUInt32LE(value, at + 8);
  });
  for (let channel = 0; channel < 3; channel++) {
    for (let i = 0; i < 256; i++) buf.writeUInt16LE(gray(i) * 257, colorMapOffset + (channel * 256 + i) * 2);
  }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) buf[pixelOffset + y * width + x] = index(x, y);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, buf);
}
