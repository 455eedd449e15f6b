import * as tf from '@tensorflow/tfjs';
import { AugmentationLayer, BASE_KEYS, BaseAugmentationArgs, checkOptions, oneOf } from './common';

/** Flip directions of {@link randomFlip}. */
export const FLIP_MODES = ['horizontal', 'vertical', 'horizontal_and_vertical'] as const;
export type FlipMode = (typeof FLIP_MODES)[number];

/** Options of {@link randomFlip}; the config of a {@link RandomFlip} layer. */
export interface RandomFlipArgs extends BaseAugmentationArgs {
  /**
   * Which flips to draw: 'horizontal' (left ↔ right), 'vertical' (top ↔ bottom) or
   * 'horizontal_and_vertical' (each independently). Defaults to 'horizontal_and_vertical', as Keras.
   */
  mode?: FlipMode;
}

const OWNER = 'rl.layers.randomFlip';

/**
 * Random flips of NHWC images, in training only (Keras's `RandomFlip`). Each image of the batch
 * is flipped left–right with probability ½ (modes 'horizontal', 'horizontal_and_vertical') and,
 * independently, top–bottom with probability ½ (modes 'vertical', 'horizontal_and_vertical'):
 *
 *   y[b, i, j, c] = x[b, i, W−1−j, c]   (horizontal flip)
 *
 * Identity at inference. Serializable (`className` 'RandomFlip').
 */
export class RandomFlip extends AugmentationLayer {
  static className = 'RandomFlip';
  readonly mode: FlipMode;

  constructor(args?: RandomFlipArgs) {
    const options = checkOptions<RandomFlipArgs>(OWNER, args, [...BASE_KEYS, 'mode']);
    super(OWNER, options);
    this.mode = oneOf(OWNER, 'mode', options.mode ?? 'horizontal_and_vertical', FLIP_MODES);
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    let out = images;
    if (this.mode !== 'vertical') out = this.flipSome(out, 2);
    if (this.mode !== 'horizontal') out = this.flipSome(out, 1);
    return out;
  }

  /** Reverses `axis` (1 = rows, 2 = columns) of a random half of the images (exact copy, no arithmetic). */
  private flipSome(images: tf.Tensor4D, axis: 1 | 2): tf.Tensor4D {
    const batch = images.shape[0];
    const flags = Array.from({ length: batch }, () => this.uniform() < 0.5);
    const condition = tf.broadcastTo(tf.tensor4d(flags, [batch, 1, 1, 1], 'bool'), images.shape);
    return tf.where(condition, tf.reverse(images, axis), images);
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return { mode: this.mode };
  }
}
tf.serialization.registerClass(RandomFlip);

/**
 * A RandomFlip layer: flips images at random while training, nothing at inference.
 *
 * ```ts
 * const model = tf.sequential({ layers: [
 *   rl.layers.randomFlip({ inputShape: [8, 8, 1], mode: 'horizontal', seed: 1 }),
 *   tf.layers.flatten(), tf.layers.dense({ units: 10, activation: 'softmax' }),
 * ] });
 * ```
 */
export function randomFlip(args?: RandomFlipArgs): RandomFlip {
  return new RandomFlip(args);
}
