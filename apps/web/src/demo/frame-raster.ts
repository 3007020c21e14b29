// Pixels of a video frame, bitmap or image element as a vision-core RGB raster, read through a
// reusable 2D canvas. Nothing leaves the page: the canvas is never attached or exported.
import { createRasterImage, type RasterImage } from '@visioncad/vision-core/image';

/** Drops the alpha channel of canvas RGBA pixels. */
export function rgbaToRgb(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): RasterImage {
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0, i = 0, o = 0; p < width * height; p++, i += 4, o += 3) {
    rgb[o] = rgba[i];
    rgb[o + 1] = rgba[i + 1];
    rgb[o + 2] = rgba[i + 2];
  }
  return createRasterImage(width, height, 3, rgb);
}

/** Reads a drawable source, scaled to width x height, into an RGB raster. */
export class FrameReader {
  private readonly canvas = document.createElement('canvas');
  private readonly context: CanvasRenderingContext2D;

  constructor() {
    const context = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('This browser cannot read image pixels (no 2D canvas).');
    this.context = context;
  }

  read(source: CanvasImageSource, width: number, height: number): RasterImage {
    return rgbaToRgb(this.pixels(source, width, height), width, height);
  }

  /** Like {@link read} but keeps the canvas's RGBA layout (no copy); the buffer is the caller's. */
  readRgba(source: CanvasImageSource, width: number, height: number): RasterImage {
    const rgba = this.pixels(source, width, height);
    return createRasterImage(width, height, 4, new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength));
  }

  private pixels(source: CanvasImageSource, width: number, height: number): Uint8ClampedArray {
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.context.drawImage(source, 0, 0, width, height);
    return this.context.getImageData(0, 0, width, height).data;
  }
}

/** Width and height scaled down (never up) so the longer side is at most `maxSide`. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
