/** Options shared by the backbone builders. */
export interface BackboneOptions {
  /** [height, width, channels] of the backbone input; default [224, 224, 3] (Xception: [299, 299, 3]). */
  inputShape?: [number, number, number];
  /** Prefix of the model name, so several copies can live in one ensemble. */
  name?: string;
}

/** Throws unless the input is at least `min` pixels on each side. */
export function assertMinInput(shape: readonly number[], min: number, family: string): void {
  if (shape.length !== 3 || shape[0] < min || shape[1] < min || shape[2] < 1) {
    throw new RangeError(`${family} needs an input of at least ${min}x${min}xC, got ${JSON.stringify(shape)}`);
  }
}
