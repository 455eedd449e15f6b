import * as tf from '@tensorflow/tfjs';
import { Regularizer } from './base';
import { checker } from '../args';

/** Options of {@link elasticNet}. */
export interface ElasticNetArgs {
  /** Overall strength α ≥ 0. Defaults to 0.01. */
  alpha?: number;
  /** Mix r ∈ [0, 1]: 1 is pure L1, 0 is pure L2. Defaults to 0.5. */
  l1Ratio?: number;
}

/**
 * Elastic-net penalty in scikit-learn's parameterization (the one convention of `rl.penalties` and
 * `rl.linear`): `α·r·Σ|w| + (α/2)·(1 − r)·Σw²`. It equals tfjs's
 * `l1l2({ l1: α·r, l2: α·(1 − r)/2 })`, but it is its own registered class (`'ElasticNet'`,
 * config `{ alpha, l1Ratio }`), so a model saves and loads with the parameters a reader set.
 */
export class ElasticNet extends Regularizer {
  static readonly className = 'ElasticNet';
  readonly alpha: number;
  readonly l1Ratio: number;

  constructor(args?: ElasticNetArgs) {
    super();
    const owner = 'rl.regularizers.elasticNet';
    const options = checker(owner).options<ElasticNetArgs>(args, ['alpha', 'l1Ratio']);
    this.alpha = checker(owner).nonNegative('alpha', options.alpha, 0.01);
    this.l1Ratio = checker(owner).unit('l1Ratio', options.l1Ratio, 0.5);
  }

  /** Factor of Σ|w| (tfjs's `l1`). */
  get l1Factor(): number {
    return this.alpha * this.l1Ratio;
  }

  /** Factor of Σw² (tfjs's `l2`). */
  get l2Factor(): number {
    return (this.alpha / 2) * (1 - this.l1Ratio);
  }

  apply(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() =>
      tf.add(tf.mul(this.l1Factor, tf.sum(tf.abs(x))), tf.mul(this.l2Factor, tf.sum(tf.square(x)))) as tf.Scalar,
    );
  }

  getConfig(): tf.serialization.ConfigDict {
    return { alpha: this.alpha, l1Ratio: this.l1Ratio };
  }

  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls({ alpha: config.alpha, l1Ratio: config.l1Ratio });
  }
}
tf.serialization.registerClass(ElasticNet);

/**
 * Elastic-net regularizer: `alpha·l1Ratio·Σ|w| + (alpha/2)·(1 − l1Ratio)·Σw²`.
 *
 * ```ts
 * const r = rl.regularizers.elasticNet({ alpha: 0.1, l1Ratio: 0.5 });
 * r.apply(tf.tensor([1, -2])).print(); // 0.1·0.5·3 + 0.05·0.5·5 = 0.275
 * ```
 */
export function elasticNet(args?: ElasticNetArgs): ElasticNet {
  return new ElasticNet(args);
}
