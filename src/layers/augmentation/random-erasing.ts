import { checker } from '../../args';
import * as tf from '@tensorflow/tfjs';
import {
  AugmentationLayer, BASE_KEYS, BaseAugmentationArgs, Range,
  tfSeed, Uniform, uniformIn,
} from './common';

/** Options of {@link randomErasing}; the config of a {@link RandomErasing} layer. */
export interface RandomErasingArgs extends BaseAugmentationArgs {
  /** Probability that an image gets a rectangle erased, in [0, 1]. Defaults to 0.5 (torchvision). */
  probability?: number;
  /** Range of the erased area as a fraction of the image area, within [0, 1] (0: nothing is erased). Defaults to [0.02, 0.33]. */
  scale?: Range;
  /** Range of the rectangle's aspect ratio h/w (drawn log-uniformly), positive. Defaults to [0.3, 3.3]. */
  ratio?: Range;
  /** Fill value of the rectangle, or 'random' for N(0, 1) noise per pixel. Defaults to 0. */
  value?: number | 'random';
}

const OWNER = 'rl.layers.randomErasing';

/** A rectangle to erase (rows top … top+height−1, columns left … left+width−1); height 0 = none. */
export interface EraseBox {
  top: number;
  left: number;
  height: number;
  width: number;
}

/**
 * Draws one image's rectangle as torchvision's `RandomErasing.get_params` does (Zhong et al.
 * 2020): area s·H·W with s ~ U(scale), ratio r log-uniform in `ratio`, h = round(√(s·H·W·r)),
 * w = round(√(s·H·W/r)); retried up to 10 times until h < H and w < W, else nothing is erased.
 */
export function drawEraseBox(u: Uniform, height: number, width: number, scale: Range, ratio: Range): EraseBox {
  const area = height * width;
  const logRatio: Range = [Math.log(ratio[0]), Math.log(ratio[1])];
  for (let attempt = 0; attempt < 10; attempt++) {
    const eraseArea = area * uniformIn(u, scale);
    const aspect = Math.exp(uniformIn(u, logRatio));
    const h = Math.round(Math.sqrt(eraseArea * aspect));
    const w = Math.round(Math.sqrt(eraseArea / aspect));
    if (!(h < height && w < width)) continue;
    const top = Math.floor(u() * (height - h + 1));
    const left = Math.floor(u() * (width - w + 1));
    return { top, left, height: h, width: w };
  }
  return { top: 0, left: 0, height: 0, width: 0 };
}

/** A boolean `[batch, H, W, 1]` mask, true inside each image's box. */
export function boxMask(boxes: EraseBox[], height: number, width: number): tf.Tensor4D {
  return tf.tidy(() => {
    const batch = boxes.length;
    const column = (pick: (b: EraseBox) => number) => tf.tensor4d(boxes.map(pick), [batch, 1, 1, 1], 'int32');
    const rows = tf.range(0, height, 1, 'int32').reshape([1, height, 1, 1]);
    const cols = tf.range(0, width, 1, 'int32').reshape([1, 1, width, 1]);
    const top = column((b) => b.top);
    const left = column((b) => b.left);
    const inRows = tf.logicalAnd(tf.greaterEqual(rows, top), tf.less(rows, tf.add(top, column((b) => b.height))));
    const inCols = tf.logicalAnd(tf.greaterEqual(cols, left), tf.less(cols, tf.add(left, column((b) => b.width))));
    return tf.logicalAnd(inRows, inCols) as tf.Tensor4D;
  });
}

/**
 * Random erasing / cutout of NHWC images, in training only (Zhong et al., "Random Erasing Data
 * Augmentation", AAAI 2020; DeVries & Taylor 2017 "cutout"; torchvision's `RandomErasing`).
 * With probability `probability`, one rectangle of each image (all channels) is set to `value`.
 * Identity at inference. Serializable (`className` 'RandomErasing').
 */
export class RandomErasing extends AugmentationLayer {
  static className = 'RandomErasing';
  readonly probability: number;
  readonly scale: Range;
  readonly ratio: Range;
  readonly value: number | 'random';

  constructor(args?: RandomErasingArgs) {
    const check = checker(OWNER);
    const options = check.options<RandomErasingArgs>(args, [...BASE_KEYS, 'probability', 'scale', 'ratio', 'value']);
    super(OWNER, options);
    this.probability = check.unit('probability', options.probability, 0.5);
    // scale 0 erases a zero-area box: a no-op, as in Keras.
    this.scale = options.scale === undefined ? [0.02, 0.33] : check.range('scale', options.scale, { min: 0, max: 1 });
    this.ratio = options.ratio === undefined ? [0.3, 3.3] : check.range('ratio', options.ratio, { min: 0, minOpen: true });
    this.value = options.value === 'random' ? 'random' : check.finite('value', options.value, 0);
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    const [batch, height, width] = images.shape;
    const boxes: EraseBox[] = [];
    for (let b = 0; b < batch; b++) {
      const erase = this.uniform() < this.probability;
      const box = drawEraseBox(this.uniform, height, width, this.scale, this.ratio);
      boxes.push(erase ? box : { top: 0, left: 0, height: 0, width: 0 });
    }
    const mask = tf.broadcastTo(boxMask(boxes, height, width), images.shape);
    const fill = this.value === 'random'
      ? tf.randomNormal(images.shape, 0, 1, 'float32', tfSeed(this.uniform))
      : tf.fill(images.shape, this.value);
    return tf.where(mask, fill, images) as tf.Tensor4D;
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return { probability: this.probability, scale: [...this.scale], ratio: [...this.ratio], value: this.value };
  }
}
tf.serialization.registerClass(RandomErasing);

/**
 * A RandomErasing (cutout) layer: blanks a random rectangle of some images while training.
 *
 * ```ts
 * const erase = rl.layers.randomErasing({ probability: 0.5, scale: [0.05, 0.2], value: 0, seed: 0 });
 * erase.apply(tf.ones([4, 8, 8, 1]), { training: true }); // about half the images get a hole
 * ```
 */
export function randomErasing(args?: RandomErasingArgs): RandomErasing {
  return new RandomErasing(args);
}
