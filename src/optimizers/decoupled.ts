import * as tf from '@tensorflow/tfjs';
import { checker, type Checker } from '../args';
import { decaysVariable, DecaySelection, gradientEntries, NamedTensor } from './decay';

/** The state of one variable: its step count and the subclass's slot tensors (m, v, momentum …). */
export interface Slot {
  /** The name of the variable the state belongs to. */
  originalName: string;
  step: number;
  /** By slot name, in the order of `slotNames()`. */
  tensors: Record<string, tf.Variable>;
}

/** Options every decoupled-decay optimizer takes. */
export interface DecoupledArgs extends DecaySelection {
  learningRate?: number;
  weightDecay?: number;
}

/** The option names of {@link DecaySelection} plus learningRate and weightDecay. */
export const DECOUPLED_OPTIONS = ['learningRate', 'weightDecay', 'decayBiasAndNorm', 'excludeFromWeightDecay'] as const;

/**
 * What AdamW and SGDW share: decoupled decay θ ← θ·(1 − lr·λ) before the subclass's update, the
 * choice of decayed variables, per-variable state keyed by the variable (so one optimizer serves
 * alternating `varList`s), and (de)serialization: weights are `iter`, then per variable in
 * first-seen order its slots `<variable>/<slot>` and `<variable>/step`.
 */
export abstract class DecoupledDecayOptimizer extends tf.Optimizer {
  learningRate: number;
  readonly weightDecay: number;
  readonly decayBiasAndNorm: boolean;
  readonly excludeFromWeightDecay?: readonly string[] | ((variableName: string) => boolean);
  protected readonly check: Checker;
  /** Per variable, by variable name (unique among tfjs's registered variables). */
  private slots = new Map<string, Slot>();
  /** State restored by setWeights, waiting for the variables it belongs to (see `slotFor`). */
  private restored: Slot[] = [];
  private warnedUnsaved = false;

  protected constructor(owner: string, options: DecoupledArgs, defaults: { learningRate: number; weightDecay: number }) {
    super();
    this.check = checker(owner);
    this.learningRate = this.check.positive('learningRate', options.learningRate, defaults.learningRate);
    this.weightDecay = this.check.nonNegative('weightDecay', options.weightDecay, defaults.weightDecay);
    this.decayBiasAndNorm = this.check.boolean('decayBiasAndNorm', options.decayBiasAndNorm, true);
    this.excludeFromWeightDecay = exclusion(this.check, options.excludeFromWeightDecay);
  }

  /** The options object of a subclass's constructor, unknown keys rejected. */
  protected static options<T extends object>(owner: string, args: unknown, names: readonly string[]): Partial<T> {
    return checker(owner).options<T>(args, names);
  }

  /** The slot tensors each variable needs (empty: no state at all, e.g. SGD without momentum). */
  protected abstract slotNames(): readonly string[];

  /** The subclass's update of `variable` (already decayed into `decayed`), inside a tidy. */
  protected abstract update(variable: tf.Variable, decayed: tf.Tensor, gradient: tf.Tensor, slot: Slot): void;

  /** Whether the variable of that name is decayed by this optimizer. */
  decays(variableName: string): boolean {
    return this.weightDecay > 0 && decaysVariable(this, variableName);
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const registered = tf.engine().registeredVariables;
    for (const [name, gradient] of gradientEntries(variableGradients)) {
      if (gradient == null) continue;
      const variable = registered[name];
      if (variable == null) throw this.check.problem(`no variable named '${name}' is registered`, 'type');
      const slot = this.slotFor(name, variable);
      slot.step += 1;
      tf.tidy(() => {
        const decayed = this.decays(name) ? tf.mul(variable, 1 - this.learningRate * this.weightDecay) : variable;
        this.update(variable, decayed, gradient, slot);
      });
    }
    this.incrementIterations();
  }

  /**
   * This variable's state. Restored state goes to the variable of the same name, else (a model
   * loaded next to its original gets `_1`-suffixed names) to the first restored entry of the same
   * shape, in saved order — the order of the model's trainable weights, as Keras assigns it.
   */
  private slotFor(name: string, variable: tf.Variable): Slot {
    const known = this.slots.get(name);
    if (known) return known;
    const base = (n: string) => n.replace(/_\d+$/, '');
    const sameShape = (s: Slot) => Object.values(s.tensors).every((t) => tf.util.arraysEqual(t.shape, variable.shape));
    let index = this.restored.findIndex((s) => s.originalName === name);
    if (index < 0) index = this.restored.findIndex((s) => base(s.originalName) === base(name) && sameShape(s));
    if (index < 0) index = this.restored.findIndex(sameShape);
    const slot = index >= 0
      ? this.restored.splice(index, 1)[0]
      : { originalName: name, step: 0, tensors: Object.fromEntries(this.slotNames().map((s) => [s, zerosLike(variable)])) };
    slot.originalName = name;
    this.slots.set(name, slot);
    return slot;
  }

  override dispose(): void {
    for (const slot of [...this.slots.values(), ...this.restored]) tf.dispose(Object.values(slot.tensors));
    this.slots = new Map();
    this.restored = [];
  }

  /** Iterations, then per variable (in first-seen order) its slots and step — all named. */
  override async getWeights(): Promise<NamedTensor[]> {
    const weights: NamedTensor[] = [await this.saveIterations()];
    if (this.slotNames().length === 0) return weights;
    for (const slot of [...this.slots.values(), ...this.restored]) {
      for (const s of this.slotNames()) weights.push({ name: `${slot.originalName}/${s}`, tensor: slot.tensors[s] });
      weights.push({ name: `${slot.originalName}/step`, tensor: tf.scalar(slot.step, 'int32') });
    }
    return weights;
  }

  /**
   * Restores what getWeights saved, reading the names: `<variable>/<slot>` and `<variable>/step`.
   * Slots this configuration does not use (a momentum buffer saved by SGDW with momentum 0 before
   * it kept none) are ignored.
   */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    this.dispose();
    const wanted = this.slotNames();
    const byVariable = new Map<string, { step?: number; tensors: Record<string, tf.Tensor> }>();
    for (const { name, tensor } of rest) {
      const cut = name.lastIndexOf('/');
      const [variable, slot] = [name.slice(0, cut), name.slice(cut + 1)];
      if (cut < 0 || (slot !== 'step' && !wanted.includes(slot) && !['m', 'v', 'vmax', 'momentum'].includes(slot))) {
        throw this.check.problem(`setWeights: unexpected optimizer weight '${name}'`);
      }
      const entry = byVariable.get(variable) ?? { tensors: {} };
      if (slot === 'step') entry.step = tensor.dataSync()[0];
      else entry.tensors[slot] = tensor;
      byVariable.set(variable, entry);
    }
    if (wanted.length === 0) return;
    for (const [originalName, { step, tensors }] of byVariable) {
      const missing = wanted.filter((s) => !tensors[s]);
      if (missing.length > 0 || step === undefined) {
        throw this.check.problem(`setWeights: the state of '${originalName}' lacks ${[...missing, ...(step === undefined ? ['step'] : [])].join(', ')}`);
      }
      this.restored.push({ originalName, step, tensors: Object.fromEntries(wanted.map((s) => [s, tensors[s].variable(false)])) });
    }
  }

  /** The options shared by all: exclusion patterns are saved, a function cannot be (a warning says so). */
  protected decayConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      learningRate: this.learningRate, weightDecay: this.weightDecay, decayBiasAndNorm: this.decayBiasAndNorm,
    };
    if (Array.isArray(this.excludeFromWeightDecay)) config.excludeFromWeightDecay = [...this.excludeFromWeightDecay];
    else if (typeof this.excludeFromWeightDecay === 'function' && !this.warnedUnsaved) {
      this.warnedUnsaved = true;
      console.warn(`${this.check.owner}: \`excludeFromWeightDecay\` is a function, which cannot be saved: a loaded copy `
        + 'decays the variables it excluded. Pass a list of name patterns (as Keras\'s exclude_from_weight_decay) to keep it.');
    }
    return config;
  }
}

/** A function, or a list of substrings of variable names (Keras's `exclude_from_weight_decay(var_names)`). */
function exclusion(check: Checker, value: unknown): DecoupledDecayOptimizer['excludeFromWeightDecay'] {
  const must = 'a list of variable-name patterns (strings) or a function (variableName) => boolean';
  if (value === undefined || typeof value === 'function') return value as ((n: string) => boolean) | undefined;
  if (!Array.isArray(value)) throw check.error('excludeFromWeightDecay', must, value, 'type');
  value.forEach((p, i) => check.string(`excludeFromWeightDecay[${i}]`, p));
  return Object.freeze([...value] as string[]);
}

function zerosLike(variable: tf.Variable): tf.Variable {
  return tf.tidy(() => tf.zerosLike(variable).variable(false));
}

/** The options of `config` that `names` lists (tfjs's fromConfig passes its own context along). */
export function pickOptions<T>(config: tf.serialization.ConfigDict, names: readonly string[]): T {
  return Object.fromEntries(names.filter((k) => config[k] !== undefined && config[k] !== null).map((k) => [k, config[k]])) as T;
}
