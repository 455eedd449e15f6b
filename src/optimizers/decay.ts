// Which variables get decoupled weight decay (shared by adamw and sgdw).

/**
 * True for the parameters d2l (and most practice) leaves undecayed: biases and the scale/shift of
 * normalization layers. tfjs names them `<layer>/bias`, `<layer>/gamma`, `<layer>/beta`, with a
 * `_N` suffix when a name is reused in the same process.
 */
export function isBiasOrNorm(variableName: string): boolean {
  return /(^|\/)(bias|gamma|beta)(_\d+)?$/.test(variableName);
}

/** Options shared by the decoupled-decay optimizers. */
export interface DecaySelection {
  /**
   * Decay biases and normalization gamma/beta too. Defaults to true (PyTorch decays every
   * parameter of a param group). False skips the names matched by {@link isBiasOrNorm}.
   */
  decayBiasAndNorm?: boolean;
  /**
   * Variables left undecayed (checked after `decayBiasAndNorm`): a list of name patterns — a
   * variable is excluded when its name contains one of them, as Keras's
   * `exclude_from_weight_decay(var_names=…)` — or a function of the name returning true to
   * exclude. The list is saved with the optimizer; a function cannot be (`getConfig()` warns).
   *
   * ```ts
   * rl.optimizers.adamw({ weightDecay: 0.05, excludeFromWeightDecay: ['embedding', 'layer_norm'] });
   * ```
   */
  excludeFromWeightDecay?: readonly string[] | ((variableName: string) => boolean);
}

export function decaysVariable(selection: Required<Pick<DecaySelection, 'decayBiasAndNorm'>> & DecaySelection, name: string): boolean {
  if (!selection.decayBiasAndNorm && isBiasOrNorm(name)) return false;
  const exclude = selection.excludeFromWeightDecay;
  if (exclude === undefined) return true;
  return typeof exclude === 'function' ? !exclude(name) : !exclude.some((pattern) => name.includes(pattern));
}

/** Entries [variable name, gradient] of either gradient format tf.Optimizer receives. */
export function gradientEntries<T>(variableGradients: Record<string, T> | { name: string; tensor: T }[]): [string, T][] {
  return Array.isArray(variableGradients)
    ? variableGradients.map(({ name, tensor }) => [name, tensor] as [string, T])
    : Object.entries(variableGradients);
}

/** tfjs-core's `NamedTensor` (not re-exported by the `@tensorflow/tfjs` bundle). */
export interface NamedTensor {
  name: string;
  tensor: import('@tensorflow/tfjs').Tensor;
}
