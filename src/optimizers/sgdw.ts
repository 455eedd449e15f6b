import * as tf from '@tensorflow/tfjs';
import { show } from '../args';
import { DecaySelection } from './decay';
import { DECOUPLED_OPTIONS, DecoupledDecayOptimizer, pickOptions, Slot } from './decoupled';

/** Options of {@link sgdw}. */
export interface SGDWArgs extends DecaySelection {
  /** Step size lr > 0. Defaults to 0.01. */
  learningRate?: number;
  /** Momentum μ ≥ 0 (PyTorch's heavy-ball form). Defaults to 0. */
  momentum?: number;
  /** Dampening of the momentum buffer, as in PyTorch. Defaults to 0. */
  dampening?: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0, as in PyTorch). Defaults to false. */
  nesterov?: boolean;
  /** Decoupled weight decay λ ≥ 0: θ ← θ·(1 − lr·λ) each step. Defaults to 1e-2. */
  weightDecay?: number;
}

const OPTION_NAMES = [...DECOUPLED_OPTIONS, 'momentum', 'dampening', 'nesterov'] as const;

const OWNER = 'rl.optimizers.sgdw';

/**
 * SGD with momentum and decoupled weight decay (SGDW, Loshchilov & Hutter 2019), written as
 * PyTorch's SGD preceded by AdamW's decay step. For each variable θ with gradient g:
 *
 *     θ ← θ·(1 − lr·λ)
 *     b ← g at the first step, then b ← μ·b + (1 − dampening)·g
 *     d = g + μ·b (nesterov) or b (otherwise; d = g when μ = 0)
 *     θ ← θ − lr·d
 *
 * Without momentum this is exactly SGD on the loss plus (λ/2)‖θ‖² (PyTorch's coupled
 * `weight_decay = λ`), since θ − lr(g + λθ) = θ(1 − lr·λ) − lr·g. With momentum the two differ:
 * the coupled penalty's gradient is accumulated in the buffer, the decoupled decay is not.
 * With momentum 0 it keeps no state per variable (as PyTorch). Serializable (class name `'SGDW'`).
 */
export class SGDW extends DecoupledDecayOptimizer {
  static readonly className = 'SGDW';
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;

  constructor(args?: SGDWArgs) {
    const options = DecoupledDecayOptimizer.options<SGDWArgs>(OWNER, args, OPTION_NAMES);
    super(OWNER, options, { learningRate: 0.01, weightDecay: 1e-2 });
    this.momentum = this.check.nonNegative('momentum', options.momentum, 0);
    this.dampening = this.check.nonNegative('dampening', options.dampening, 0);
    this.nesterov = this.check.boolean('nesterov', options.nesterov, false);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw this.check.problem(
        `\`nesterov\` needs momentum > 0 and dampening = 0; received momentum ${show(this.momentum)}, dampening ${show(this.dampening)}`,
      );
    }
  }

  protected slotNames(): readonly string[] {
    return this.momentum > 0 ? ['momentum'] : [];
  }

  protected update(variable: tf.Variable, decayed: tf.Tensor, gradient: tf.Tensor, slot: Slot): void {
    let direction = gradient;
    if (this.momentum > 0) {
      const previous = slot.tensors.momentum;
      const buffer = slot.step === 1
        ? tf.clone(gradient)
        : tf.add(tf.mul(previous, this.momentum), tf.mul(gradient, 1 - this.dampening));
      previous.assign(buffer);
      direction = this.nesterov ? tf.add(gradient, tf.mul(buffer, this.momentum)) : buffer;
    }
    variable.assign(tf.sub(decayed, tf.mul(direction, this.learningRate)));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...this.decayConfig(), momentum: this.momentum, dampening: this.dampening, nesterov: this.nesterov };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(pickOptions<SGDWArgs>(config, OPTION_NAMES));
  }
}
tf.serialization.registerClass(SGDW);

/**
 * SGDW: SGD (optionally with momentum) and decoupled weight decay.
 *
 * ```ts
 * model.compile({ optimizer: rl.optimizers.sgdw({ learningRate: 0.05, momentum: 0.9, weightDecay: 1e-3 }), loss: 'meanSquaredError' });
 * ```
 */
export function sgdw(args?: SGDWArgs): SGDW {
  return new SGDW(args);
}
