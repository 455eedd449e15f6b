import * as tf from '@tensorflow/tfjs';
import { Regularizer } from './base';
import { checker, described } from '../args';

/** Options of {@link orthogonal}. */
export interface OrthogonalArgs {
  /** Strength of the penalty. Defaults to 0.01 (as Keras). */
  factor?: number;
  /**
   * `'rows'` makes the rows of the matrix orthogonal (for a Dense kernel [inputDim, units]: the
   * input features' weight vectors), `'columns'` its columns (the units). Defaults to `'rows'`.
   */
  mode?: 'rows' | 'columns';
}

/**
 * Keras 3's `OrthogonalRegularizer`, which tfjs lacks. With Ŵ the matrix whose rows (or columns)
 * are L2-normalized and G = ŴŴᵀ (size k × k), the penalty is the factor times the mean absolute
 * off-diagonal entry: `factor · Σ_{i≠j} |G_ij| / (k(k − 1))` — Keras writes it as
 * `factor · 0.5 · Σ|offdiag| / (k(k−1)/2)`, the same number. Zero exactly when the rows (columns)
 * are mutually orthogonal; `factor` when they are all parallel. Rank-2 inputs only.
 * Registered as `'OrthogonalRegularizer'` with Keras's config `{ factor, mode }`.
 */
export class Orthogonal extends Regularizer {
  static readonly className = 'OrthogonalRegularizer';
  readonly factor: number;
  readonly mode: 'rows' | 'columns';

  constructor(args?: OrthogonalArgs) {
    super();
    const owner = 'rl.regularizers.orthogonal';
    const options = checker(owner).options<OrthogonalArgs>(args, ['factor', 'mode']);
    this.factor = checker(owner).nonNegative('factor', options.factor, 0.01);
    this.mode = checker(owner).oneOf('mode', options.mode, ['rows', 'columns'] as const, 'rows');
  }

  apply(x: tf.Tensor): tf.Scalar {
    if (x.rank !== 2) {
      throw checker('rl.regularizers.orthogonal').error('weight', 'a matrix (rank 2)', described(`shape [${x.shape}]`));
    }
    return tf.tidy(() => {
      const vectors = this.mode === 'rows' ? (x as tf.Tensor2D) : tf.transpose(x as tf.Tensor2D);
      const k = vectors.shape[0];
      if (k < 2) return tf.scalar(0);
      // Keras normalizes with tf.nn.l2_normalize: x / sqrt(max(Σx², 1e-12)).
      const squaredNorms = tf.sum(tf.square(vectors), 1, true);
      const unit = tf.mul(vectors, tf.rsqrt(tf.maximum(squaredNorms, 1e-12)));
      const gram = tf.matMul(unit, unit, false, true);
      const offDiagonal = tf.mul(gram, tf.sub(1, tf.eye(k)));
      return tf.mul(this.factor / (k * (k - 1)), tf.sum(tf.abs(offDiagonal))) as tf.Scalar;
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { factor: this.factor, mode: this.mode };
  }

  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls({ factor: config.factor, mode: config.mode });
  }
}
tf.serialization.registerClass(Orthogonal);

/**
 * Orthogonal regularizer (Keras 3): `factor · mean_{i≠j} |⟨ŵ_i, ŵ_j⟩|` over L2-normalized rows
 * (or columns).
 *
 * ```ts
 * const r = rl.regularizers.orthogonal({ factor: 1, mode: 'rows' });
 * r.apply(tf.tensor2d([[1, 0], [1, 1]])).print(); // |cos 45°| = 0.7071
 * tf.layers.dense({ units: 8, kernelRegularizer: r });
 * ```
 */
export function orthogonal(args?: OrthogonalArgs): Orthogonal {
  return new Orthogonal(args);
}
