import * as tf from '@tensorflow/tfjs';
import { checker } from '../args';

/**
 * Soft-thresholding, the proximal operator of `τ·‖w‖₁`:
 *
 *   S_τ(w)_i = sign(w_i) · max(|w_i| − τ, 0)
 *
 * Every weight with |w_i| ≤ τ becomes exactly 0 — whatever its sign (ERRATA #14); the others move
 * τ towards 0.
 *
 * ```ts
 * rl.penalties.softThreshold([3, -0.5, 0.2, -2], 1);   // [2, 0, 0, -1]
 * rl.penalties.softThreshold(tf.tensor([3, -2]), 1);    // Tensor [2, -1]
 * ```
 */
export function softThreshold(w: ArrayLike<number>, threshold: number): number[];
export function softThreshold<T extends tf.Tensor>(w: T, threshold: number): T;
export function softThreshold(w: ArrayLike<number> | tf.Tensor, threshold: number): number[] | tf.Tensor {
  const tau = checker('rl.penalties.softThreshold').nonNegative('threshold', threshold);
  if (w instanceof tf.Tensor) {
    return tf.tidy(() => tf.mul(tf.sign(w), tf.relu(tf.sub(tf.abs(w), tau))));
  }
  const v = checker('rl.penalties.softThreshold').finiteVector('w', w);
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = softThresholdScalar(v[i], tau);
  return out;
}

/** S_τ(x) for one number (no validation; used in the solvers' inner loops). */
export function softThresholdScalar(x: number, tau: number): number {
  if (x > tau) return x - tau;
  if (x < -tau) return x + tau;
  return 0;
}
