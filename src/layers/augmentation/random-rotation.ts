import { checker } from '../../args';
import * as tf from '@tensorflow/tfjs';
import { BASE_KEYS, BaseAugmentationArgs, Range, symmetricRange, uniformIn } from './common';
import { RESAMPLING_KEYS, ResamplingArgs, ResamplingLayer } from './resampling';

/** Options of {@link randomRotation}; the config of a {@link RandomRotation} layer. */
export interface RandomRotationArgs extends BaseAugmentationArgs, ResamplingArgs {
  /**
   * Rotation as a fraction of a full turn (2π): f draws the angle from [−f·2π, f·2π], a pair
   * [lo, hi] from [lo·2π, hi·2π]; values in [−1, 1]; positive = counter-clockwise on screen.
   * Required.
   */
  factor: number | Range;
}

const OWNER = 'rl.layers.randomRotation';

/**
 * The `tf.image.transform` row rotating an image of `height × width` pixels by `angle` radians
 * counter-clockwise (as seen on screen, rows going down) about its centre c = ((W−1)/2, (H−1)/2).
 * The row maps each OUTPUT pixel p to the input point it samples: p_in = R(θ)(p − c) + c with
 * R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]] in (column, row) coordinates.
 * For θ = 90° on a square image this is `np.rot90`: y[i][j] = x[j][W−1−i].
 */
export function rotationTransform(angle: number, height: number, width: number): number[] {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  return [cos, -sin, cx - cos * cx + sin * cy, sin, cos, cy - sin * cx - cos * cy, 0, 0];
}

/**
 * Random rotations of NHWC images, in training only (Keras's `RandomRotation`). Each image is
 * rotated about its centre by θ ~ U[lo·2π, hi·2π]; pixels from outside are filled per
 * `fillMode`. Identity at inference. Serializable (`className` 'RandomRotation').
 */
export class RandomRotation extends ResamplingLayer {
  static className = 'RandomRotation';
  readonly factor: Range;

  constructor(args: RandomRotationArgs) {
    const options = checker(OWNER).options<RandomRotationArgs>(args, [...BASE_KEYS, 'factor', ...RESAMPLING_KEYS]);
    super(OWNER, options);
    this.factor = symmetricRange(OWNER, 'factor', options.factor, -1, 1);
  }

  protected drawTransform(height: number, width: number): number[] {
    return rotationTransform(uniformIn(this.uniform, this.factor) * 2 * Math.PI, height, width);
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return { factor: [...this.factor], ...this.resamplingConfig() };
  }
}
tf.serialization.registerClass(RandomRotation);

/**
 * A RandomRotation layer: rotates images by a random angle while training.
 *
 * ```ts
 * // up to ±10° (10/360 of a turn), zeros in the corners
 * const rotate = rl.layers.randomRotation({ factor: 10 / 360, fillMode: 'constant', seed: 0 });
 * rotate.apply(tf.ones([2, 8, 8, 1]), { training: true });
 * ```
 */
export function randomRotation(args: RandomRotationArgs): RandomRotation {
  return new RandomRotation(args);
}
