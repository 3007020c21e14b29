// Synthetic images for the upload tests (unit and e2e): made on the fly, never read from datasets.
import sharp from 'sharp';

/** An RGB picture of a brown, irregular blob on skin tone: enough like a lesion for the UI. */
export function lesionLikeRgb(width: number, height: number): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x - width / 2) / (width / 3);
      const dy = (y - height / 2) / (height / 3.5);
      const angle = Math.atan2(dy, dx);
      const edge = 1 + 0.15 * Math.sin(5 * angle) + 0.08 * Math.cos(9 * angle);
      const inside = Math.hypot(dx, dy) < edge;
      const core = Math.hypot(dx, dy) < edge * 0.45;
      const offset = (y * width + x) * 3;
      const [r, g, b] = core ? [70, 40, 30] : inside ? [130, 80, 55] : [225, 180, 160];
      rgb[offset] = r;
      rgb[offset + 1] = g;
      rgb[offset + 2] = b;
    }
  }
  return rgb;
}

/** A lesion-like PNG. */
export function lesionPng(width = 96, height = 72): Promise<Buffer> {
  return sharp(lesionLikeRgb(width, height), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** A lesion-like JPEG. */
export function lesionJpeg(width = 96, height = 72): Promise<Buffer> {
  return sharp(lesionLikeRgb(width, height), { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
}

/** A lesion-like TIFF. */
export function lesionTiff(width = 40, height = 30): Promise<Buffer> {
  return sharp(lesionLikeRgb(width, height), { raw: { width, height, channels: 3 } })
    .tiff()
    .toBuffer();
}

/** A 24-bit bottom-up BMP (what PH2 ships), written by hand: sharp cannot write BMP. */
export function lesionBmp(width = 40, height = 30): Buffer {
  const rgb = lesionLikeRgb(width, height);
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + rowBytes * height);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(rowBytes * height, 34);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 3;
      out[row + x * 3] = rgb[from + 2];
      out[row + x * 3 + 1] = rgb[from + 1];
      out[row + x * 3 + 2] = rgb[from];
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A PNG whose (valid) IHDR claims the given size, with one tiny IDAT: a decompression-bomb header. */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The first `fraction` of the file, as an interrupted upload leaves it. */
export function truncated(bytes: Buffer, fraction = 0.5): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length * fraction));
}
