import { checker } from '../../args';
import * as tf from '@tensorflow/tfjs';
import { BASE_KEYS, BaseAugmentationArgs, Range, symmetricRange, uniformIn } from './common';
import { RESAMPLING_KEYS, ResamplingArgs, ResamplingLayer } from './resampling';

/** Options of {@link randomTranslation}; the config of a {@link RandomTranslation} layer. */
export interface RandomTranslationArgs extends BaseAugmentationArgs, ResamplingArgs {
  /**
   * Vertical shift as a fraction of the height: f draws from [−f, f], a pair [lo, hi] from
   * [lo, hi]; values in [−1, 1]; positive = down. Required.
   */
  heightFactor: number | Range;
  /** Horizontal shift as a fraction of the width, as `heightFactor`; positive = right. Required. */
  widthFactor: number | Range;
}

const OWNER = 'rl.layers.randomTranslation';

/**
 * Random translations of NHWC images, in training only (Keras's `RandomTranslation`). For each
 * image, dy = u_h·H and dx = u_w·W pixels with u drawn uniformly from the factor ranges, and
 *
 *   y[i, j] = x[i − dy, j − dx]   (the `tf.image.transform` row [1, 0, −dx, 0, 1, −dy, 0, 0]),
 *
 * pixels from outside filled per `fillMode`. Identity at inference. Serializable.
 */
export class RandomTranslation extends ResamplingLayer {
  static className = 'RandomTranslation';
  readonly heightFactor: Range;
  readonly widthFactor: Range;

  constructor(args: RandomTranslationArgs) {
    const options = checker(OWNER).options<RandomTranslationArgs>(args, [...BASE_KEYS, 'heightFactor', 'widthFactor', ...RESAMPLING_KEYS]);
    super(OWNER, options);
    this.heightFactor = symmetricRange(OWNER, 'heightFactor', options.heightFactor, -1, 1);
    this.widthFactor = symmetricRange(OWNER, 'widthFactor', options.widthFactor, -1, 1);
  }

  protected drawTransform(height: number, width: number): number[] {
    const dy = uniformIn(this.uniform, this.heightFactor) * height;
    const dx = uniformIn(this.uniform, this.widthFactor) * width;
    return [1, 0, -dx, 0, 1, -dy, 0, 0];
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return {
      heightFactor: [...this.heightFactor], widthFactor: [...this.widthFactor],
      ...this.resamplingConfig(),
    };
  }
}
tf.serialization.registerClass(RandomTranslation);

/**
 * A RandomTranslation layer: shifts images by up to the given fractions while training.
 *
 * ```ts
 * // shift by up to ±12.5 % (1 pixel of an 8×8 digit), zeros coming in
 * const shift = rl.layers.randomTranslation({ heightFactor: 0.125, widthFactor: 0.125, fillMode: 'constant', seed: 0 });
 * shift.apply(tf.ones([2, 8, 8, 1]), { training: true });
 * ```
 */
export function randomTranslation(args: RandomTranslationArgs): RandomTranslation {
  return new RandomTranslation(args);
}
