import * as tf from '@tensorflow/tfjs';
import { checkArgsObject, describe, nonNegative } from '../regularizers/validate';
import { flag, positive, predicate } from './adamw';
import { decaysVariable, DecaySelection, gradientEntries, NamedTensor } from './decay';

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

const OPTION_NAMES = [
  'learningRate', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'decayBiasAndNorm', 'excludeFromWeightDecay',
] as const;

function pickOptions(config: tf.serialization.ConfigDict): SGDWArgs {
  return Object.fromEntries(OPTION_NAMES.filter((k) => config[k] !== undefined).map((k) => [k, config[k]])) as SGDWArgs;
}

interface Slot {
  originalName: string;
  step: number;
  buffer: tf.Variable;
}

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
 * Serializable (class name `'SGDW'`).
 */
export class SGDW extends tf.Optimizer {
  static readonly className = 'SGDW';
  learningRate: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  readonly decayBiasAndNorm: boolean;
  readonly excludeFromWeightDecay?: (variableName: string) => boolean;
  private slots: Slot[] = [];

  constructor(args?: SGDWArgs) {
    super();
    const options = checkArgsObject<SGDWArgs>(OWNER, args, OPTION_NAMES);
    this.learningRate = positive(OWNER, 'learningRate', options.learningRate, 0.01);
    this.momentum = nonNegative(OWNER, 'momentum', options.momentum, 0);
    this.dampening = nonNegative(OWNER, 'dampening', options.dampening, 0);
    this.nesterov = flag(OWNER, 'nesterov', options.nesterov, false);
    this.weightDecay = nonNegative(OWNER, 'weightDecay', options.weightDecay, 1e-2);
    this.decayBiasAndNorm = flag(OWNER, 'decayBiasAndNorm', options.decayBiasAndNorm, true);
    this.excludeFromWeightDecay = predicate(OWNER, options.excludeFromWeightDecay);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RangeError(
        `${OWNER}: \`nesterov\` needs momentum > 0 and dampening = 0; received momentum ${describe(this.momentum)}, dampening ${describe(this.dampening)}`,
      );
    }
  }

  /** Whether the variable of that name is decayed by this optimizer. */
  decays(variableName: string): boolean {
    return this.weightDecay > 0 && decaysVariable(this, variableName);
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const registered = tf.engine().registeredVariables;
    gradientEntries(variableGradients).forEach(([name, gradient], i) => {
      if (gradient == null) return;
      const variable = registered[name];
      if (variable == null) throw new Error(`${OWNER}: no variable named ${describe(name)} is registered`);
      const slot = (this.slots[i] ??= {
        originalName: name, step: 0, buffer: tf.tidy(() => tf.zerosLike(variable).variable(false)),
      });
      slot.step += 1;
      tf.tidy(() => this.step(name, variable, gradient, slot));
    });
    this.incrementIterations();
  }

  private step(name: string, variable: tf.Variable, gradient: tf.Tensor, slot: Slot): void {
    const lr = this.learningRate;
    const decayed = this.decays(name) ? tf.mul(variable, 1 - lr * this.weightDecay) : variable;
    let direction = gradient;
    if (this.momentum > 0) {
      const buffer = slot.step === 1
        ? tf.clone(gradient)
        : tf.add(tf.mul(slot.buffer, this.momentum), tf.mul(gradient, 1 - this.dampening));
      slot.buffer.assign(buffer);
      direction = this.nesterov ? tf.add(gradient, tf.mul(buffer, this.momentum)) : buffer;
    }
    variable.assign(tf.sub(decayed, tf.mul(direction, lr)));
  }

  override dispose(): void {
    for (const slot of this.slots) slot.buffer.dispose();
    this.slots = [];
  }

  /** Iterations, then per variable (in first-seen order) its momentum buffer and step. */
  override async getWeights(): Promise<NamedTensor[]> {
    const weights: NamedTensor[] = [await this.saveIterations()];
    for (const slot of this.slots) {
      weights.push(
        { name: `${slot.originalName}/momentum`, tensor: slot.buffer },
        { name: `${slot.originalName}/step`, tensor: tf.scalar(slot.step, 'int32') },
      );
    }
    return weights;
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    this.dispose();
    if (rest.length % 2 !== 0) throw new Error(`${OWNER}: setWeights expects 2 tensors per variable; received ${rest.length}`);
    for (let i = 0; i < rest.length; i += 2) {
      this.slots.push({
        originalName: rest[i].name.replace(/\/momentum$/, ''),
        buffer: rest[i].tensor.variable(false),
        step: rest[i + 1].tensor.dataSync()[0],
      });
    }
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate, momentum: this.momentum, dampening: this.dampening, nesterov: this.nesterov,
      weightDecay: this.weightDecay, decayBiasAndNorm: this.decayBiasAndNorm,
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    // tfjs passes its deserialization context (customObjects) along; keep only our options.
    const { excludeFromWeightDecay: _ignored, ...options } = pickOptions(config);
    return new cls(options);
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
