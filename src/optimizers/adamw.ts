import * as tf from '@tensorflow/tfjs';
import { DecaySelection } from './decay';
import { DECOUPLED_OPTIONS, DecoupledDecayOptimizer, pickOptions, Slot } from './decoupled';

/** Options of {@link adamw}. Defaults are PyTorch's `torch.optim.AdamW`. */
export interface AdamWArgs extends DecaySelection {
  /** Step size lr > 0. Defaults to 1e-3. */
  learningRate?: number;
  /** Decay of the first moment, in [0, 1). Defaults to 0.9. */
  beta1?: number;
  /** Decay of the second moment, in [0, 1). Defaults to 0.999. */
  beta2?: number;
  /** Added to √v̂ in the denominator. Defaults to 1e-8 (tfjs's Adam defaults to 1e-7). */
  epsilon?: number;
  /** Decoupled weight decay λ ≥ 0: θ ← θ·(1 − lr·λ) each step. Defaults to 1e-2. */
  weightDecay?: number;
  /** Use the running maximum of v (Reddi et al. 2018). Defaults to false. */
  amsgrad?: boolean;
}

const OPTION_NAMES = [...DECOUPLED_OPTIONS, 'beta1', 'beta2', 'epsilon', 'amsgrad'] as const;

const OWNER = 'rl.optimizers.adamw';

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019), step for step the update of `torch.optim.AdamW`. For each variable θ with gradient g
 * at its step t:
 *
 *     θ ← θ·(1 − lr·λ)                      (decay first, and never through the moments)
 *     m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²
 *     m̂ = m / (1 − β1ᵗ),       v̂ = v / (1 − β2ᵗ)       (amsgrad: v̂ from max of all v so far)
 *     θ ← θ − lr·m̂ / (√v̂ + ε)
 *
 * An L2 penalty (λ/2)‖θ‖² in the loss would instead enter g and be divided by √v̂, so weights with
 * large gradients would be decayed less: under Adam the two are not the same thing.
 * Serializable (class name `'AdamW'`), so `model.save(…, { includeOptimizer: true })` round-trips.
 */
export class AdamW extends DecoupledDecayOptimizer {
  static readonly className = 'AdamW';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(args?: AdamWArgs) {
    const options = DecoupledDecayOptimizer.options<AdamWArgs>(OWNER, args, OPTION_NAMES);
    super(OWNER, options, { learningRate: 1e-3, weightDecay: 1e-2 });
    const moment = { min: 0, max: 1, maxOpen: true };
    this.beta1 = this.check.number('beta1', options.beta1, moment, 0.9);
    this.beta2 = this.check.number('beta2', options.beta2, moment, 0.999);
    this.epsilon = this.check.nonNegative('epsilon', options.epsilon, 1e-8);
    this.amsgrad = this.check.boolean('amsgrad', options.amsgrad, false);
  }

  protected slotNames(): readonly string[] {
    return this.amsgrad ? ['m', 'v', 'vmax'] : ['m', 'v'];
  }

  protected update(variable: tf.Variable, decayed: tf.Tensor, gradient: tf.Tensor, slot: Slot): void {
    const { beta1, beta2, learningRate: lr } = this;
    // Bias corrections in double precision, as PyTorch computes them from its Python step count.
    const correction1 = 1 - beta1 ** slot.step;
    const sqrtCorrection2 = Math.sqrt(1 - beta2 ** slot.step);
    const { m: mSlot, v: vSlot, vmax } = slot.tensors;
    const m = tf.add(tf.mul(mSlot, beta1), tf.mul(gradient, 1 - beta1));
    const v = tf.add(tf.mul(vSlot, beta2), tf.mul(tf.square(gradient), 1 - beta2));
    mSlot.assign(m);
    vSlot.assign(v);
    let second: tf.Tensor = v;
    if (vmax) {
      second = tf.maximum(vmax, v);
      vmax.assign(second);
    }
    const denominator = tf.add(tf.div(tf.sqrt(second), sqrtCorrection2), this.epsilon);
    variable.assign(tf.sub(decayed, tf.mul(tf.div(m, denominator), lr / correction1)));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...this.decayConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(pickOptions<AdamWArgs>(config, OPTION_NAMES));
  }
}
tf.serialization.registerClass(AdamW);

/**
 * AdamW: Adam with decoupled weight decay, identical to `torch.optim.AdamW`.
 *
 * ```ts
 * model.compile({ optimizer: rl.optimizers.adamw({ learningRate: 1e-3, weightDecay: 1e-2 }), loss: 'meanSquaredError' });
 * // d2l's advice, biases and batch-norm gamma/beta undecayed:
 * rl.optimizers.adamw({ weightDecay: 0.05, decayBiasAndNorm: false });
 * ```
 */
export function adamw(args?: AdamWArgs): AdamW {
  return new AdamW(args);
}
