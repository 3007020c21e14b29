import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, validateImageUpload } from './image-validation';
import { ServiceError } from './service-error';
import {
  lesionBmp,
  lesionJpeg,
  lesionPng,
  lesionTiff,
  pngClaiming,
  truncated,
} from './synthetic-images.test-support';

async function refusal(bytes: Uint8Array, file: string): Promise<ServiceError> {
  const error = await validateImageUpload(bytes, file).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('validateImageUpload', () => {
  it('accepts PNG, JPEG, BMP and TIFF by content, with their real dimensions', async () => {
    expect(await validateImageUpload(await lesionPng(96, 72), 'a.png')).toEqual({
      format: 'png',
      mimeType: 'image/png',
      width: 96,
      height: 72,
    });
    expect(await validateImageUpload(await lesionJpeg(64, 48), 'b.jpg')).toMatchObject({
      mimeType: 'image/jpeg',
      width: 64,
      height: 48,
    });
    expect(await validateImageUpload(lesionBmp(40, 30), 'IMD003.bmp')).toMatchObject({
      mimeType: 'image/bmp',
      width: 40,
      height: 30,
    });
    expect(await validateImageUpload(await lesionTiff(40, 30), 'KA.AN1.39.tiff')).toMatchObject({
      mimeType: 'image/tiff',
      width: 40,
      height: 30,
    });
  });

  it('goes by content, not by the name: a PNG called .jpg is a PNG', async () => {
    expect(await validateImageUpload(await lesionPng(), 'photo.jpg')).toMatchObject({ format: 'png' });
  });

  it('refuses an empty file, naming it', async () => {
    const error = await refusal(new Uint8Array(0), 'empty.png');
    expect(error.status).toBe(400);
    expect(error.message).toBe('empty.png is empty (0 bytes).');
  });

  it('refuses a text file renamed .jpg as not an image', async () => {
    const error = await refusal(Buffer.from('patient notes, not a picture\n'), 'notes.jpg');
    expect(error.status).toBe(415);
    expect(error.message).toMatch(/^notes\.jpg is not a JPEG, PNG, BMP or TIFF image/);
  });

  it('refuses a truncated PNG and a truncated JPEG as truncated', async () => {
    const png = await refusal(truncated(await lesionPng(200, 150)), 'cut.png');
    expect(png.status).toBe(400);
    expect(png.message).toMatch(/^cut\.png is a truncated PNG/);
    const jpeg = await refusal(truncated(await lesionJpeg(200, 150)), 'cut.jpg');
    expect(jpeg.message).toMatch(/^cut\.jpg is a truncated JPEG/);
  });

  it('refuses a PNG header claiming 100000x100000 before decoding it', async () => {
    const error = await refusal(pngClaiming(100_000, 100_000), 'bomb.png');
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/^bomb\.png declares 100000x100000 pixels/);
  });

  it('refuses a file over the byte limit', async () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(await lesionPng());
    const error = await refusal(big, 'huge.png');
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/^huge\.png is 25\.0 MB; the limit is 25 MB\./);
  });
});
