import * as tf from '@tensorflow/tfjs';

/**
 * The shape of tfjs-layers' abstract `Regularizer` (a `Serializable` with `apply(x) → scalar`).
 * tfjs does not export the class itself, yet layers accept a regularizer object only if it is an
 * `instanceof` that class (anything else is treated as a config dict), so we extend the very class
 * tfjs uses, reached through the prototype of its own `L1L2`.
 */
export type TfjsRegularizerConstructor = abstract new () => tf.serialization.Serializable & {
  apply(x: tf.Tensor): tf.Scalar;
};

const TfjsRegularizer = Object.getPrototypeOf(tf.regularizers.l1l2({ l1: 0, l2: 0 }).constructor) as TfjsRegularizerConstructor;

/** Base class of reglab's regularizers: a tfjs-layers `Regularizer` usable as `kernelRegularizer`. */
export abstract class Regularizer extends TfjsRegularizer {
  /** The penalty as a scalar tensor; computed inside `tf.tidy`, so only the result survives. */
  abstract override apply(x: tf.Tensor): tf.Scalar;
  abstract override getConfig(): tf.serialization.ConfigDict;
}
