import { checker } from '../../args';
import * as tf from '@tensorflow/tfjs';
import { AugmentationLayer, BASE_KEYS, BaseAugmentationArgs, } from './common';

/** Flip directions of {@link randomFlip}. */
export const FLIP_MODES = ['horizontal', 'vertical', 'horizontal_and_vertical'] as const;
export type FlipMode = (typeof FLIP_MODES)[number];

/** Options of {@link randomFlip}; the config of a {@link RandomFlip} layer. */
export interface RandomFlipArgs extends BaseAugmentationArgs {
  /**
   * Which flips to draw: 'horizontal' (left ↔ right), 'vertical' (top ↔ bottom) or
   * 'horizontal_and_vertical' (one draw per image: both flips — a 180° rotation — or none, as
   * Keras 3; tf.keras 2 drew the two axes independently). Defaults to 'horizontal_and_vertical'.
   */
  mode?: FlipMode;
}

const OWNER = 'rl.layers.randomFlip';

/**
 * Random flips of NHWC images, in training only (Keras 3's `RandomFlip`). One uniform draw per
 * image decides, with probability ½, whether it is flipped: left–right ('horizontal'),
 * top–bottom ('vertical'), or both at once ('horizontal_and_vertical', i.e. rotated by 180°):
 *
 *   y[b, i, j, c] = x[b, i, W−1−j, c]   (horizontal flip)
 *
 * Identity at inference. Serializable (`className` 'RandomFlip').
 */
export class RandomFlip extends AugmentationLayer {
  static className = 'RandomFlip';
  readonly mode: FlipMode;

  constructor(args?: RandomFlipArgs) {
    const options = checker(OWNER).options<RandomFlipArgs>(args, [...BASE_KEYS, 'mode']);
    super(OWNER, options);
    this.mode = checker(OWNER).oneOf('mode', options.mode, FLIP_MODES, 'horizontal_and_vertical');
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    const axes = { horizontal: [2], vertical: [1], horizontal_and_vertical: [1, 2] }[this.mode];
    const batch = images.shape[0];
    // Keras 3: flips = uniform(batch) ≤ 0.5, one draw per image whatever the mode.
    const flags = Array.from({ length: batch }, () => this.uniform() <= 0.5);
    const condition = tf.broadcastTo(tf.tensor4d(flags, [batch, 1, 1, 1], 'bool'), images.shape);
    // An exact copy, no arithmetic: reverse the axes of the flipped images.
    return tf.where(condition, tf.reverse(images, axes), images);
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
