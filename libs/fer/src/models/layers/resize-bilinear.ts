import * as tf from '@tensorflow/tfjs';

/** Configuration of {@link ResizeBilinear}. */
export interface ResizeBilinearConfig {
  height: number;
  width: number;
  name?: string;
}

/**
 * Bilinear resize of [batch, h, w, c] images to a fixed size (half-pixel centres). tfjs 4.22's own
 * Resizing layer reports a wrong symbolic output shape ([h, w, batch]), which breaks any layer after it.
 */
export class ResizeBilinear extends tf.layers.Layer {
  static readonly className = 'VisionCadResizeBilinear';
  private readonly height: number;
  private readonly width: number;

  constructor(config: ResizeBilinearConfig) {
    super({ name: config.name });
    if (!(Number.isInteger(config.height) && Number.isInteger(config.width) && config.height > 0 && config.width > 0)) {
      throw new RangeError(`resize target must be positive integers, got ${config.height}x${config.width}`);
    }
    this.height = config.height;
    this.width = config.width;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    return [shape[0], this.height, this.width, shape[3]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.image.resizeBilinear(x, [this.height, this.width], false, true);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), height: this.height, width: this.width };
  }
}
tf.serialization.registerClass(ResizeBilinear);
