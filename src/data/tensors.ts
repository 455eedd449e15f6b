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
import { describe } from '../config';
import { assertMatrix, assertOptions, assertVector } from './validate';

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
  assertOptions(options);
  const d = assertMatrix(X);
  const n = X.length;
  if (y !== undefined) assertVector(y, n);
  const { oneHot } = options;
  if (oneHot !== undefined) {
    if (!Number.isInteger(oneHot) || oneHot < 2) {
      throw new RangeError(`\`oneHot\` must be the number of classes, an integer ≥ 2; received ${describe(oneHot)}`);
    }
    if (y === undefined) throw new Error('`oneHot` was given without `y`');
    const bad = y.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= oneHot);
    if (bad >= 0) throw new RangeError(`\`y[${bad}]\` must be a class index in [0, ${oneHot}); received ${y[bad]}`);
  }
  const xs = tf.tensor2d(X.flat(), [n, d], 'float32');
  if (y === undefined) return { xs };
  const ys = oneHot === undefined
    ? tf.tensor2d(y, [n, 1], 'float32')
    : tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), oneHot).toFloat());
  return { xs, ys };
}
