import { checker } from '../../args';
// The geometric augmentation layers (rotation, translation, zoom) differ only in the transform
// they draw per image; how pixels are resampled and filled is shared here.
import * as tf from '@tensorflow/tfjs';
import {
  AugmentationLayer, BaseAugmentationArgs, FILL_MODES, FillMode, INTERPOLATIONS, Interpolation,
} from './common';
import { applyTransforms } from './projective';

/** Resampling options shared by randomRotation, randomTranslation and randomZoom. */
export interface ResamplingArgs {
  /**
   * How to fill pixels that come from outside the image: 'reflect' (d c b a | a b c d | d c b a),
   * 'wrap', 'constant' (`fillValue`), 'nearest'. Defaults to 'reflect', as Keras.
   */
  fillMode?: FillMode;
  /** Value used when `fillMode` is 'constant'. Defaults to 0. */
  fillValue?: number;
  /** 'bilinear' or 'nearest'. Defaults to 'bilinear', as Keras. */
  interpolation?: Interpolation;
}

/** The option names of {@link ResamplingArgs}, for argument checking. */
export const RESAMPLING_KEYS = ['fillMode', 'fillValue', 'interpolation'] as const;

/** An augmentation layer that resamples each image through one projective transform row. */
export abstract class ResamplingLayer extends AugmentationLayer {
  readonly fillMode: FillMode;
  readonly fillValue: number;
  readonly interpolation: Interpolation;

  protected constructor(owner: string, args: BaseAugmentationArgs & ResamplingArgs) {
    super(owner, args);
    const check = checker(owner);
    this.fillMode = check.oneOf('fillMode', args.fillMode, FILL_MODES, 'reflect');
    this.fillValue = check.finite('fillValue', args.fillValue, 0);
    this.interpolation = check.oneOf('interpolation', args.interpolation, INTERPOLATIONS, 'bilinear');
  }

  /** Draws the `tf.image.transform` row of one image of `height × width` pixels. */
  protected abstract drawTransform(height: number, width: number): number[];

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    const [batch, height, width] = images.shape;
    const rows = Array.from({ length: batch }, () => this.drawTransform(height, width));
    return applyTransforms(images, rows, this.interpolation, this.fillMode, this.fillValue);
  }

  /** The resampling options, for the subclasses' `ownConfig`. */
  protected resamplingConfig(): tf.serialization.ConfigDict {
    return { fillMode: this.fillMode, fillValue: this.fillValue, interpolation: this.interpolation };
  }
}
