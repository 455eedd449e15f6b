import * as tf from '@tensorflow/tfjs';
import {
  AugmentationLayer, BASE_KEYS, BaseAugmentationArgs, checkOptions, FILL_MODES, FillMode, finiteNumber,
  INTERPOLATIONS, Interpolation, oneOf, Range, symmetricRange, uniformIn,
} from './common';
import { applyTransforms } from './projective';

/** Options of {@link randomZoom}; the config of a {@link RandomZoom} layer. */
export interface RandomZoomArgs extends BaseAugmentationArgs {
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
  /** 'reflect', 'wrap', 'constant' (`fillValue`), 'nearest'. Defaults to 'reflect', as Keras. */
  fillMode?: FillMode;
  /** Value used when `fillMode` is 'constant'. Defaults to 0. */
  fillValue?: number;
  /** 'bilinear' or 'nearest'. Defaults to 'bilinear', as Keras. */
  interpolation?: Interpolation;
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
export class RandomZoom extends AugmentationLayer {
  static className = 'RandomZoom';
  readonly heightFactor: Range;
  readonly widthFactor?: Range;
  readonly fillMode: FillMode;
  readonly fillValue: number;
  readonly interpolation: Interpolation;

  constructor(args: RandomZoomArgs) {
    const options = checkOptions<RandomZoomArgs>(OWNER, args,
      [...BASE_KEYS, 'heightFactor', 'widthFactor', 'fillMode', 'fillValue', 'interpolation'], ['heightFactor']);
    super(OWNER, options);
    this.heightFactor = symmetricRange(OWNER, 'heightFactor', options.heightFactor, -1, 1);
    this.widthFactor = options.widthFactor == null ? undefined : symmetricRange(OWNER, 'widthFactor', options.widthFactor, -1, 1);
    this.fillMode = oneOf(OWNER, 'fillMode', options.fillMode ?? 'reflect', FILL_MODES);
    this.fillValue = finiteNumber(OWNER, 'fillValue', options.fillValue ?? 0);
    this.interpolation = oneOf(OWNER, 'interpolation', options.interpolation ?? 'bilinear', INTERPOLATIONS);
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    const [batch, height, width] = images.shape;
    const rows: number[][] = [];
    for (let b = 0; b < batch; b++) {
      const zy = 1 + uniformIn(this.uniform, this.heightFactor);
      const zx = this.widthFactor === undefined ? zy : 1 + uniformIn(this.uniform, this.widthFactor);
      rows.push(zoomTransform(zy, zx, height, width));
    }
    return applyTransforms(images, rows, this.interpolation, this.fillMode, this.fillValue);
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return {
      heightFactor: [...this.heightFactor], widthFactor: this.widthFactor ? [...this.widthFactor] : null,
      fillMode: this.fillMode, fillValue: this.fillValue, interpolation: this.interpolation,
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
