import { ElasticNetPenalty, Penalty } from './elastic-net';
import { checker } from '../args';

/** Options of {@link l2}. */
export interface L2Options {
  /** Strength α ≥ 0. Defaults to 1. With the mean-squared loss ½·mean((y − Xw)²) this is scikit-learn's Ridge(alpha = n·α). */
  alpha?: number;
}

/**
 * L2 (ridge, weight-decay) penalty, with the ½ of scikit-learn's ElasticNet convention:
 *
 *   g(w) = (α/2)·‖w‖² = (α/2)·Σ w_i²
 *   ∇g(w) = α·w
 *   prox_{t·g}(w) = w / (1 + tα)          (shrinks, never zeroes)
 *
 * tfjs's `tf.regularizers.l2({ l2: c })` adds c·Σw² (no ½), i.e. α = 2c.
 *
 * ```ts
 * const g = rl.penalties.l2({ alpha: 2 });
 * g.value([1, -2]);        // (2/2)·5 = 5
 * g.gradient([1, -2]);     // [2, -4]
 * g.prox([3, -6], 1);      // [1, -2]
 * ```
 */
export function l2(options?: L2Options): Penalty {
  const o = checker('rl.penalties.l2').options<L2Options>(options, ['alpha']);
  return new ElasticNetPenalty('l2', checker('rl.penalties.l2').nonNegative('alpha', o.alpha, 1), 0);
}
