import { ElasticNetPenalty, Penalty } from './elastic-net';
import { checker } from '../args';

/** Options of {@link l1}. */
export interface L1Options {
  /** Strength α ≥ 0 (scikit-learn's Lasso `alpha`). Defaults to 1. */
  alpha?: number;
}

/**
 * L1 (lasso) penalty:
 *
 *   g(w) = α·‖w‖₁ = α·Σ|w_i|
 *   ∂g(w) ∋ α·sign(w)                      (any value in [−α, α] where w_i = 0; `gradient` returns 0 there)
 *   prox_{t·g}(w) = S_{tα}(w) = sign(w)·max(|w| − tα, 0)      (soft-thresholding: exact zeros)
 *
 * ```ts
 * const g = rl.penalties.l1({ alpha: 0.5 });
 * g.value([1, -2, 0]);        // 0.5·3 = 1.5
 * g.gradient([1, -2, 0]);     // [0.5, -0.5, 0]
 * g.prox([1, -0.2, 0.3], 1);  // [0.5, 0, 0]
 * ```
 */
export function l1(options?: L1Options): Penalty {
  const o = checker('rl.penalties.l1').options<L1Options>(options, ['alpha']);
  return new ElasticNetPenalty('l1', checker('rl.penalties.l1').nonNegative('alpha', o.alpha, 1), 1);
}
