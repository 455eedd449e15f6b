import * as tf from '@tensorflow/tfjs';
import { Regularizer } from './base';
import { checker } from '../args';

/** Options of {@link l2}. */
export interface L2Args {
  /** Factor λ of the penalty λ·Σw². Defaults to 0.01 (as tfjs and Keras). */
  l2?: number;
}

/**
 * L2 penalty `λ·Σw²` added to the loss (tfjs / Keras convention: no ½, so the gradient is `2λw`,
 * not d2l's `λw` from `(λ/2)‖w‖²`). Registered as `'L2'`, Keras's class name and config.
 */
export class L2 extends Regularizer {
  static readonly className = 'L2';
  readonly l2: number;

  constructor(args?: L2Args) {
    super();
    const options = checker('rl.regularizers.l2').options<L2Args>(args, ['l2']);
    this.l2 = checker('rl.regularizers.l2').nonNegative('l2', options.l2, 0.01);
  }

  apply(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.mul(this.l2, tf.sum(tf.square(x))) as tf.Scalar);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { l2: this.l2 };
  }

  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls({ l2: config.l2 });
  }
}
tf.serialization.registerClass(L2);

/**
 * L2 regularizer: penalty `l2·Σw²` (gradient `2·l2·w`).
 *
 * ```ts
 * const r = rl.regularizers.l2({ l2: 0.01 });
 * r.apply(tf.tensor([1, -2, 3, -4])).print(); // 0.01·(1+4+9+16) = 0.3
 * tf.layers.dense({ units: 1, kernelRegularizer: r });
 * ```
 */
export function l2(args?: L2Args): L2 {
  return new L2(args);
}
