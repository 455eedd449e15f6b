import { checker } from '../../args';
import * as tf from '@tensorflow/tfjs';
import { BASE_KEYS, BaseAugmentationArgs, Range, symmetricRange, uniformIn } from './common';
import { RESAMPLING_KEYS, ResamplingArgs, ResamplingLayer } from './resampling';

/** Options of {@link randomZoom}; the config of a {@link RandomZoom} layer. */
export interface RandomZoomArgs extends BaseAugmentationArgs, ResamplingArgs {
  /**
   * Vertical zoom: f draws u from [−f, f], a pair [lo, hi] from [lo, hi] (values in [−1, 1]);
   * the image is sampled with step 1 + u, so positive = zoom out (smaller content), negative =
   * zoom in. Required.
   */
  heightFactor: number | Range;
  /**
   * Horizontal zoom, as `heightFactor`. Defaults to undefined: the vertical draw is reused, so
   * the aspect ratio is kept (Keras's `width_factor=None`).
   */
  widthFactor?: number | Range;
}

const OWNER = 'rl.layers.randomZoom';

/**
 * The `tf.image.transform` row zooming about the image centre: output pixel (j, i) samples the
 * input at (zx·j + (W−1)/2·(1 − zx), zy·i + (H−1)/2·(1 − zy)), so the centre stays put.
 */
export function zoomTransform(zy: number, zx: number, height: number, width: number): number[] {
  return [zx, 0, ((width - 1) / 2) * (1 - zx), 0, zy, ((height - 1) / 2) * (1 - zy), 0, 0];
}

/**
 * Random zooms of NHWC images, in training only (Keras's `RandomZoom`): per image
 * zy = 1 + u_h, zx = 1 + u_w (or zx = zy without `widthFactor`), applied about the centre.
 * Identity at inference. Serializable (`className` 'RandomZoom').
 */
export class RandomZoom extends ResamplingLayer {
  static className = 'RandomZoom';
  readonly heightFactor: Range;
  readonly widthFactor?: Range;

  constructor(args: RandomZoomArgs) {
    const options = checker(OWNER).options<RandomZoomArgs>(args, [...BASE_KEYS, 'heightFactor', 'widthFactor', ...RESAMPLING_KEYS]);
    super(OWNER, options);
    this.heightFactor = symmetricRange(OWNER, 'heightFactor', options.heightFactor, -1, 1);
    this.widthFactor = options.widthFactor == null ? undefined : symmetricRange(OWNER, 'widthFactor', options.widthFactor, -1, 1);
  }

  protected drawTransform(height: number, width: number): number[] {
    const zy = 1 + uniformIn(this.uniform, this.heightFactor);
    const zx = this.widthFactor === undefined ? zy : 1 + uniformIn(this.uniform, this.widthFactor);
    return zoomTransform(zy, zx, height, width);
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return {
      heightFactor: [...this.heightFactor], widthFactor: this.widthFactor ? [...this.widthFactor] : null,
      ...this.resamplingConfig(),
    };
  }
}
tf.serialization.registerClass(RandomZoom);

/**
 * A RandomZoom layer: zooms images in or out by up to the given fraction while training.
 *
 * ```ts
 * const zoom = rl.layers.randomZoom({ heightFactor: 0.1, fillMode: 'constant', seed: 0 }); // ±10 %, aspect kept
 * zoom.apply(tf.ones([2, 8, 8, 1]), { training: true });
 * ```
 */
export function randomZoom(args: RandomZoomArgs): RandomZoom {
  return new RandomZoom(args);
}
