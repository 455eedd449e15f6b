import * as tf from '@tensorflow/tfjs';

/** A layer weight with an optional constraint, as tfjs-layers' LayerVariable has. */
interface ConstrainedWeight {
  read(): tf.Tensor;
  constraint?: { apply(w: tf.Tensor): tf.Tensor } | null;
}

/**
 * Applies every layer's weight constraints (`kernelConstraint`, `biasConstraint`, …) after each
 * optimizer step, as Keras does.
 *
 * Why it is needed: in TensorFlow.js 4.22 `model.fit` updates the underlying `tf.Variable`s
 * directly, and a constraint is only applied by `LayerVariable.write`, which training never
 * calls — so `tf.constraints.maxNorm` and friends are silently ignored during training
 * (tfjs issue #3345). With this callback a max-norm constraint holds after every batch:
 * ‖w_j‖₂ ≤ c for every unit j (Srivastava et al., JMLR 2014, §5.1).
 *
 * ```ts
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 64, inputShape: [10],
 *   kernelConstraint: tf.constraints.maxNorm({ maxValue: 3, axis: 0 }) })] });
 * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
 * await model.fit(xs, ys, { epochs: 5, callbacks: [rl.callbacks.applyConstraints()] });
 * ```
 */
export class ApplyConstraintsCallback extends tf.Callback {
  override async onBatchEnd(): Promise<void> {
    const weights = (this.model as unknown as { trainableWeights: ConstrainedWeight[] }).trainableWeights;
    for (const w of weights) {
      const constraint = w.constraint;
      if (!constraint) continue;
      const variable = w.read() as tf.Variable;
      const projected = tf.tidy(() => constraint.apply(variable));
      variable.assign(projected);
      projected.dispose();
    }
  }
}

/** A callback that enforces layer weight constraints during `model.fit` (see ApplyConstraintsCallback). */
export function applyConstraints(): ApplyConstraintsCallback {
  return new ApplyConstraintsCallback();
}
