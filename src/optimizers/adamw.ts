import * as tf from '@tensorflow/tfjs';
import { checkArgsObject, describe, nonNegative } from '../regularizers/validate';
import { decaysVariable, DecaySelection, gradientEntries, NamedTensor } from './decay';

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

const OPTION_NAMES = [
  'learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay', 'amsgrad', 'decayBiasAndNorm', 'excludeFromWeightDecay',
] as const;

function pickOptions(config: tf.serialization.ConfigDict): AdamWArgs {
  return Object.fromEntries(OPTION_NAMES.filter((k) => config[k] !== undefined).map((k) => [k, config[k]])) as AdamWArgs;
}

interface Slot {
  originalName: string;
  step: number;
  m: tf.Variable;
  v: tf.Variable;
  vMax?: tf.Variable;
}

const OWNER = 'rl.optimizers.adamw';

function probability(name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new RangeError(`${OWNER}: \`${name}\` must be a number in [0, 1); received ${describe(value)}`);
  }
  return value;
}

export function positive(owner: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${owner}: \`${name}\` must be a finite number > 0; received ${describe(value)}`);
  }
  return value;
}

export function flag(owner: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${owner}: \`${name}\` must be true or false; received ${describe(value)}`);
  return value;
}

export function predicate(owner: string, value: unknown): ((name: string) => boolean) | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'function') {
    throw new TypeError(`${owner}: \`excludeFromWeightDecay\` must be a function (variableName) => boolean; received ${describe(value)}`);
  }
  return value as (name: string) => boolean;
}

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
export class AdamW extends tf.Optimizer {
  static readonly className = 'AdamW';
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  readonly decayBiasAndNorm: boolean;
  readonly excludeFromWeightDecay?: (variableName: string) => boolean;
  private slots: Slot[] = [];

  constructor(args?: AdamWArgs) {
    super();
    const options = checkArgsObject<AdamWArgs>(OWNER, args, OPTION_NAMES);
    this.learningRate = positive(OWNER, 'learningRate', options.learningRate, 1e-3);
    this.beta1 = probability('beta1', options.beta1, 0.9);
    this.beta2 = probability('beta2', options.beta2, 0.999);
    this.epsilon = nonNegative(OWNER, 'epsilon', options.epsilon, 1e-8);
    this.weightDecay = nonNegative(OWNER, 'weightDecay', options.weightDecay, 1e-2);
    this.amsgrad = flag(OWNER, 'amsgrad', options.amsgrad, false);
    this.decayBiasAndNorm = flag(OWNER, 'decayBiasAndNorm', options.decayBiasAndNorm, true);
    this.excludeFromWeightDecay = predicate(OWNER, options.excludeFromWeightDecay);
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
      const slot = (this.slots[i] ??= this.newSlot(name, variable));
      slot.step += 1;
      tf.tidy(() => this.step(name, variable, gradient, slot));
    });
    this.incrementIterations();
  }

  private step(name: string, variable: tf.Variable, gradient: tf.Tensor, slot: Slot): void {
    const { beta1, beta2, learningRate: lr } = this;
    // Bias corrections in double precision, as PyTorch computes them from its Python step count.
    const correction1 = 1 - beta1 ** slot.step;
    const sqrtCorrection2 = Math.sqrt(1 - beta2 ** slot.step);
    const decayed = this.decays(name) ? tf.mul(variable, 1 - lr * this.weightDecay) : variable;
    const m = tf.add(tf.mul(slot.m, beta1), tf.mul(gradient, 1 - beta1));
    const v = tf.add(tf.mul(slot.v, beta2), tf.mul(tf.square(gradient), 1 - beta2));
    slot.m.assign(m);
    slot.v.assign(v);
    let second: tf.Tensor = v;
    if (slot.vMax) {
      second = tf.maximum(slot.vMax, v);
      slot.vMax.assign(second);
    }
    const denominator = tf.add(tf.div(tf.sqrt(second), sqrtCorrection2), this.epsilon);
    variable.assign(tf.sub(decayed, tf.mul(tf.div(m, denominator), lr / correction1)));
  }

  private newSlot(name: string, variable: tf.Variable): Slot {
    const zeros = () => tf.tidy(() => tf.zerosLike(variable).variable(false));
    return { originalName: name, step: 0, m: zeros(), v: zeros(), vMax: this.amsgrad ? zeros() : undefined };
  }

  override dispose(): void {
    for (const slot of this.slots) {
      slot.m.dispose();
      slot.v.dispose();
      slot.vMax?.dispose();
    }
    this.slots = [];
  }

  /** Iterations, then per variable (in first-seen order) m, v, [vMax], step — all named. */
  override async getWeights(): Promise<NamedTensor[]> {
    const weights: NamedTensor[] = [await this.saveIterations()];
    for (const slot of this.slots) {
      weights.push({ name: `${slot.originalName}/m`, tensor: slot.m }, { name: `${slot.originalName}/v`, tensor: slot.v });
      if (slot.vMax) weights.push({ name: `${slot.originalName}/vmax`, tensor: slot.vMax });
      weights.push({ name: `${slot.originalName}/step`, tensor: tf.scalar(slot.step, 'int32') });
    }
    return weights;
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    this.dispose();
    const perSlot = this.amsgrad ? 4 : 3;
    if (rest.length % perSlot !== 0) {
      throw new Error(`${OWNER}: setWeights expects ${perSlot} tensors per variable; received ${rest.length}`);
    }
    for (let i = 0; i < rest.length; i += perSlot) {
      const [m, v] = rest.slice(i, i + 2);
      const originalName = m.name.replace(/\/m$/, '');
      const step = rest[i + perSlot - 1].tensor.dataSync()[0];
      this.slots.push({
        originalName, step, m: m.tensor.variable(false), v: v.tensor.variable(false),
        vMax: this.amsgrad ? rest[i + 2].tensor.variable(false) : undefined,
      });
    }
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon,
      weightDecay: this.weightDecay, amsgrad: this.amsgrad, decayBiasAndNorm: this.decayBiasAndNorm,
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
