/** Why an image file could not be decoded. */
export type ImageDecodeProblem =
  'unsupported-format' | 'corrupt' | 'truncated' | 'too-many-pixels' | 'unreadable';

/** A decode failure that names the file and the kind of problem, so callers can report or skip it. */
export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError';
  constructor(
    readonly file: string,
    readonly problem: ImageDecodeProblem,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}
