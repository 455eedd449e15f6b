/**
 * From number[][] to tensors for tfjs models.
 *
 * ```ts
 * const { xs, ys } = rl.data.toTensors(XTrain, yTrain, { oneHot: 3 });   // ys: [n, 3]
 * await model.fit(xs, ys!, { epochs: 10 });
 * tf.dispose([xs, ys!]);
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { checker } from '../args';

export interface ToTensorsOptions {
  /** Number of classes: ys becomes one-hot float32 [n, oneHot]. Defaults to off: ys is [n, 1]. */
  oneHot?: number;
}

export interface Tensors {
  /** float32 [n, d]. */
  xs: tf.Tensor2D;
  /** float32 [n, 1], or [n, oneHot] one-hot; absent when no y was given. */
  ys?: tf.Tensor;
}

/** Wraps X (and y) in new tensors; the caller disposes them. */
export function toTensors(X: number[][], y?: number[], options: ToTensorsOptions = {}): Tensors {
  const check = checker('rl.data.toTensors');
  check.options(options, ['oneHot']);
  const d = check.matrix('X', X);
  const n = X.length;
  if (y !== undefined) check.vector('y', y, n);
  const oneHot = options.oneHot === undefined ? undefined : check.integer('oneHot', options.oneHot, 2, undefined, 100_000);
  if (oneHot !== undefined) {
    if (y === undefined) throw check.error('y', 'the class labels when `oneHot` is given', y, 'type');
    y.forEach((v, i) => check.integer(`y[${i}]`, v, 0, undefined, oneHot - 1));
  }
  const xs = tf.tensor2d(X.flat(), [n, d], 'float32');
  if (y === undefined) return { xs };
  const ys = oneHot === undefined
    ? tf.tensor2d(y, [n, 1], 'float32')
    : tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), oneHot).toFloat());
  return { xs, ys };
}
