import * as tf from '@tensorflow/tfjs';
import { Regularizer } from './base';
import { checker } from '../args';

/** Options of {@link l1}. */
export interface L1Args {
  /** Factor λ of the penalty λ·Σ|w|. Defaults to 0.01 (as tfjs and Keras). */
  l1?: number;
}

/**
 * L1 penalty `λ·Σ|w|` added to the loss (tfjs / Keras convention: no 1/n, no ½).
 * Its subgradient is `λ·sign(w)`. Registered as `'L1'`, Keras's class name and config, so a saved
 * model loads back with `tf.loadLayersModel` (after `import 'reglab'`).
 */
export class L1 extends Regularizer {
  static readonly className = 'L1';
  readonly l1: number;

  constructor(args?: L1Args) {
    super();
    const options = checker('rl.regularizers.l1').options<L1Args>(args, ['l1']);
    this.l1 = checker('rl.regularizers.l1').nonNegative('l1', options.l1, 0.01);
  }

  apply(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.mul(this.l1, tf.sum(tf.abs(x))) as tf.Scalar);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { l1: this.l1 };
  }

  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls({ l1: config.l1 });
  }
}
tf.serialization.registerClass(L1);

/**
 * L1 regularizer: penalty `l1·Σ|w|`.
 *
 * ```ts
 * const r = rl.regularizers.l1({ l1: 0.01 });
 * r.apply(tf.tensor([1, -2, 3, -4])).print(); // 0.01·(1+2+3+4) = 0.1
 * tf.layers.dense({ units: 1, kernelRegularizer: r });
 * ```
 */
export function l1(args?: L1Args): L1 {
  return new L1(args);
}
