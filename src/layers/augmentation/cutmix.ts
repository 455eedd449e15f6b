import * as tf from '@tensorflow/tfjs';
import { uniformSource } from './common';
import { checkMixedBatch, sampleBeta, permutation } from './mixup';
import { boxMask, EraseBox } from './random-erasing';
import { checker } from '../../args';

/** Options of {@link cutmix}. */
export interface CutmixOptions {
  /**
   * Concentration α of λ ~ Beta(α, α), > 0; 1 − λ is the target area of the pasted box.
   * Defaults to 1 (λ uniform on [0, 1]: Yun et al. 2019's setting; Keras's CutMix default).
   */
  alpha?: number;
  /**
   * Seed of λ, of the box and of the pairing. The same seed gives the same draws, so vary it per
   * batch (e.g. `seed: 1000 * epoch + step`). Defaults to undefined: `Math.random` (seeded by
   * `rl.config.seed`).
   */
  seed?: number;
}

/** Result of {@link cutmix}. The caller owns (and disposes) `xs` and `ys`. */
export interface CutmixResult {
  /** xs with the rectangle `box` of every image replaced by the same rectangle of its partner. */
  xs: tf.Tensor4D;
  /** λ·ys + (1 − λ)·ys[permutation], λ being the exact area fraction kept (one-hot → soft). */
  ys: tf.Tensor;
  /**
   * The weight of each image's own label: 1 − (box area)/(H·W), the fraction of the pixels it
   * keeps (the Beta draw, corrected for the box's rounding and clipping at the border).
   */
  lambda: number;
  /** The pasted rectangle: rows top … top+height−1, columns left … left+width−1 (height 0: none). */
  box: EraseBox;
  /** The partner of each example: example i receives a patch of example permutation[i]. */
  permutation: number[];
}

const OWNER = 'rl.layers.cutmix';

/**
 * The box of Yun et al.'s reference code (`rand_bbox`): centre (cy, cx) uniform on the pixel
 * grid, half-sides ⌊⌊H·√(1−λ)⌋/2⌋ and ⌊⌊W·√(1−λ)⌋/2⌋, clipped to the image.
 */
export function cutmixBox(lambda: number, height: number, width: number, u: () => number): EraseBox {
  const cut = Math.sqrt(1 - lambda);
  const halfH = Math.floor(Math.floor(height * cut) / 2);
  const halfW = Math.floor(Math.floor(width * cut) / 2);
  const cy = Math.floor(u() * height);
  const cx = Math.floor(u() * width);
  const clip = (v: number, size: number) => Math.min(Math.max(v, 0), size);
  const [top, bottom] = [clip(cy - halfH, height), clip(cy + halfH, height)];
  const [left, right] = [clip(cx - halfW, width), clip(cx + halfW, width)];
  return { top, left, height: bottom - top, width: right - left };
}

/**
 * CutMix (Yun, Han, Oh, Chun, Choe, Yoo, "CutMix: Regularization Strategy to Train Strong
 * Classifiers with Localizable Features", ICCV 2019): pastes a rectangle of another training
 * image into each image and mixes the labels by area,
 *
 *   x̃ = M ⊙ x_i + (1 − M) ⊙ x_j,   ỹ = λ·y_i + (1 − λ)·y_j,   λ = 1 − |box| / (H·W),
 *
 * where M is 0 inside the box and 1 outside, the box's target area is (1 − λ₀)·H·W with
 * λ₀ ~ Beta(α, α), and j a random permutation of the batch. As in the paper's code, one λ and one
 * box per batch. A batch helper, not a layer (labels change too): use it on training batches
 * only. NHWC images `[batch, H, W, C]`.
 *
 * ```ts
 * const { xs, ys, lambda } = rl.layers.cutmix(xBatch, yOneHot, { alpha: 1, seed: step });
 * await model.trainOnBatch(xs, ys);
 * tf.dispose([xs, ys]);
 * ```
 */
export function cutmix(xs: tf.Tensor, ys: tf.Tensor, options?: CutmixOptions): CutmixResult {
  const check = checker(OWNER);
  checkMixedBatch(check, xs, ys, { rank: 4, shape: 'NHWC images of rank 4 [batch, height, width, channels]' });
  const opts = check.options<CutmixOptions>(options, ['alpha', 'seed']);
  const alpha = check.positive('alpha', opts.alpha, 1);
  const u = uniformSource(opts.seed === undefined ? undefined : check.number('seed', opts.seed, { integer: true }));
  const [batch, height, width] = xs.shape;
  const box = cutmixBox(sampleBeta(alpha, alpha, u), height, width, u);
  const lambda = 1 - (box.height * box.width) / (height * width);
  const partner = permutation(batch, u);
  const [mixedX, mixedY] = tf.tidy(() => {
    const index = tf.tensor1d(partner, 'int32');
    const images = xs.toFloat();
    const inBox = tf.broadcastTo(boxMask([box], height, width), images.shape);
    const pasted = tf.where(inBox, tf.gather(images, index), images);
    const labels = tf.add(tf.mul(lambda, ys), tf.mul(1 - lambda, tf.gather(ys, index)));
    return [pasted, labels];
  });
  return { xs: mixedX as tf.Tensor4D, ys: mixedY, lambda, box, permutation: partner };
}
