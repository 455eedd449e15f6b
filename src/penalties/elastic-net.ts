import * as tf from '@tensorflow/tfjs';
import { softThresholdScalar } from './soft-threshold';
import { checker } from '../args';

/** A penalty g(w) with its value, a (sub)gradient and its proximal operator, on numbers and on tensors. */
export interface Penalty {
  /** 'l1', 'l2' or 'elasticnet'. */
  readonly name: 'l1' | 'l2' | 'elasticnet';
  /** Overall strength α (scikit-learn's `alpha`). */
  readonly alpha: number;
  /** Share of the L1 part, r ∈ [0, 1] (1 for l1, 0 for l2). */
  readonly l1Ratio: number;
  /** g(w) = α·r·‖w‖₁ + (α/2)(1 − r)·‖w‖². */
  value(w: ArrayLike<number>): number;
  value(w: tf.Tensor): tf.Scalar;
  /** A subgradient α·r·sign(w) + α(1 − r)·w, taking sign(0) = 0 (the minimum-norm choice at 0 is 0 only when it is in ∂g). */
  gradient(w: ArrayLike<number>): number[];
  gradient<T extends tf.Tensor>(w: T): T;
  /** prox_{t·g}(w) = argmin_z ½‖z − w‖² + t·g(z) = S_{tαr}(w) / (1 + tα(1 − r)). */
  prox(w: ArrayLike<number>, step: number): number[];
  prox<T extends tf.Tensor>(w: T, step: number): T;
}

/** Options of {@link elasticNet}. */
export interface ElasticNetOptions {
  /** Overall strength α ≥ 0. Defaults to 1 (as scikit-learn's ElasticNet). */
  alpha?: number;
  /** Mix r ∈ [0, 1]: 1 is pure L1, 0 pure L2. Defaults to 0.5. */
  l1Ratio?: number;
}

/** The penalty g(w) = α·r·‖w‖₁ + (α/2)(1 − r)·‖w‖²; l1 and l2 are its special cases r = 1 and r = 0. */
export class ElasticNetPenalty implements Penalty {
  readonly name: 'l1' | 'l2' | 'elasticnet';
  readonly alpha: number;
  readonly l1Ratio: number;
  private readonly where: string;

  constructor(name: 'l1' | 'l2' | 'elasticnet', alpha: number, l1Ratio: number) {
    this.name = name;
    this.alpha = alpha;
    this.l1Ratio = l1Ratio;
    this.where = name === 'elasticnet' ? 'rl.penalties.elasticNet' : `rl.penalties.${name}`;
  }

  /** Strength of the L1 part, α·r. */
  get l1Strength(): number {
    return this.alpha * this.l1Ratio;
  }

  /** Strength of the L2 part, α(1 − r) (the penalty is half of it times ‖w‖²). */
  get l2Strength(): number {
    return this.alpha * (1 - this.l1Ratio);
  }

  value(w: ArrayLike<number>): number;
  value(w: tf.Tensor): tf.Scalar;
  value(w: ArrayLike<number> | tf.Tensor): number | tf.Scalar {
    const a = this.l1Strength;
    const b = this.l2Strength;
    if (w instanceof tf.Tensor) {
      return tf.tidy(() => tf.add(tf.mul(a, tf.sum(tf.abs(w))), tf.mul(b / 2, tf.sum(tf.square(w)))) as tf.Scalar);
    }
    const v = checker(`${this.where}(…).value`).finiteVector('w', w);
    let l1 = 0;
    let l2 = 0;
    for (let i = 0; i < v.length; i++) {
      l1 += Math.abs(v[i]);
      l2 += v[i] * v[i];
    }
    return a * l1 + (b / 2) * l2;
  }

  gradient(w: ArrayLike<number>): number[];
  gradient<T extends tf.Tensor>(w: T): T;
  gradient(w: ArrayLike<number> | tf.Tensor): number[] | tf.Tensor {
    const a = this.l1Strength;
    const b = this.l2Strength;
    if (w instanceof tf.Tensor) {
      return tf.tidy(() => tf.add(tf.mul(a, tf.sign(w)), tf.mul(b, w)));
    }
    const v = checker(`${this.where}(…).gradient`).finiteVector('w', w);
    return Array.from(v, (x) => a * Math.sign(x) + b * x + 0); // + 0 turns -0 into 0
  }

  prox(w: ArrayLike<number>, step: number): number[];
  prox<T extends tf.Tensor>(w: T, step: number): T;
  prox(w: ArrayLike<number> | tf.Tensor, step: number): number[] | tf.Tensor {
    const t = checker(`${this.where}(…).prox`).nonNegative('step', step);
    const tau = t * this.l1Strength;
    const shrink = 1 + t * this.l2Strength;
    if (w instanceof tf.Tensor) {
      return tf.tidy(() => tf.div(tf.mul(tf.sign(w), tf.relu(tf.sub(tf.abs(w), tau))), shrink));
    }
    const v = checker(`${this.where}(…).prox`).finiteVector('w', w);
    return Array.from(v, (x) => softThresholdScalar(x, tau) / shrink + 0);
  }
}

/**
 * Elastic-net penalty, scikit-learn's convention:
 *
 *   g(w) = α·r·‖w‖₁ + (α/2)(1 − r)·‖w‖²
 *   ∂g(w) ∋ α·r·sign(w) + α(1 − r)·w
 *   prox_{t·g}(w) = S_{tαr}(w) / (1 + tα(1 − r))      (S = soft-thresholding)
 *
 * ```ts
 * const g = rl.penalties.elasticNet({ alpha: 2, l1Ratio: 0.5 });
 * g.value([1, -2]);          // 2·0.5·3 + (2/2)·0.5·5 = 5.5
 * g.gradient([1, -2]);       // [1 + 1, -1 - 2] = [2, -3]
 * g.prox([3, -0.5], 1);      // [S_1(3), S_1(-0.5)] / 2 = [1, 0]
 * ```
 */
export function elasticNet(options?: ElasticNetOptions): Penalty {
  const where = 'rl.penalties.elasticNet';
  const o = checker(where).options<ElasticNetOptions>(options, ['alpha', 'l1Ratio']);
  return new ElasticNetPenalty('elasticnet', checker(where).nonNegative('alpha', o.alpha, 1), checker(where).unit('l1Ratio', o.l1Ratio, 0.5));
}
