import * as tf from '@tensorflow/tfjs';
import { checker } from '../args';

const OWNER = 'rl.callbacks.earlyStopping';

/** Options of {@link earlyStopping} (Keras 3 `EarlyStopping` semantics). */
export interface EarlyStoppingOptions {
  /** Quantity to monitor, a key of the epoch logs. Defaults to 'val_loss'. */
  monitor?: string;
  /** An absolute change smaller than `minDelta` is no improvement. Defaults to 0. */
  minDelta?: number;
  /** Epochs without improvement after which training stops. Defaults to 0. */
  patience?: number;
  /**
   * 'min' (stop when the quantity stops decreasing), 'max' (stops increasing), or 'auto':
   * inferred from the name — losses and errors (loss, mse, mae, …crossentropy, …) are minimized,
   * accuracy-like metrics (acc, accuracy, auc, precision, recall, …) maximized. Defaults to 'auto'.
   */
  mode?: 'auto' | 'min' | 'max';
  /**
   * Training stops if the model does not beat this value within `patience` epochs: the wait
   * counter only resets when the epoch improves on both the best so far and the baseline.
   * Defaults to undefined (no baseline).
   */
  baseline?: number;
  /**
   * Keep a copy of the weights of the best epoch and put them back into the model at the end of
   * training (and as soon as training is stopped). Defaults to false (keep the last weights).
   */
  restoreBestWeights?: boolean;
  /** Epochs to wait (warm-up) before monitoring starts. Defaults to 0. */
  startFromEpoch?: number;
  /** 0: silent; 1: print a line when stopping and when restoring. Defaults to 0. */
  verbose?: number;
}

/** What the callback needs from a model; a tf.LayersModel has it, a custom loop can supply it. */
export interface StoppableModel {
  getWeights(): tf.Tensor[];
  setWeights(weights: tf.Tensor[]): void;
  stopTraining: boolean;
}

const MAXIMIZED = /(acc|auc|precision|recall|f1|fbeta|iou|r2)/i;
const MINIMIZED = /(loss|error|mse|mae|mape|msle|crossentropy|hinge|kld|kullback|poisson|logcosh|huber)/i;

/** The direction of a monitored quantity in 'auto' mode, like Keras 3 (loss → min). */
export function inferMode(monitor: string): 'min' | 'max' {
  const name = monitor.replace(/^val_/, '');
  if (MINIMIZED.test(name) && !MAXIMIZED.test(name)) return 'min';
  if (MAXIMIZED.test(name)) return 'max';
  throw checker(OWNER).problem(`cannot tell whether \`monitor\` '${monitor}' should be minimized or maximized; `
    + "pass mode: 'min' or mode: 'max'");
}

/** Turns tf.Scalar log values into numbers in place (disposing the scalars), as tfjs does. */
async function resolveLogs(logs: tf.Logs | Record<string, number | tf.Scalar> | undefined): Promise<Record<string, number>> {
  const out = (logs ?? {}) as Record<string, number | tf.Scalar>;
  for (const key of Object.keys(out)) {
    const value = out[key];
    if (value instanceof tf.Tensor) {
      out[key] = (await value.data())[0];
      value.dispose();
    }
  }
  return out as Record<string, number>;
}

/**
 * Stops training when a monitored quantity has stopped improving (Keras 3 `EarlyStopping`).
 *
 * At the end of each epoch e ≥ startFromEpoch, with `better(a, b)` = a + minDelta < b in 'min'
 * mode (a − minDelta > b in 'max' mode): wait ← wait + 1; if better(current, best) then
 * best ← current, bestEpoch ← e, and wait ← 0 if there is no baseline or better(current,
 * baseline). Otherwise, if wait ≥ patience and e > 0, training stops: stoppedEpoch ← e. Without
 * a baseline this stops at bestEpoch + max(patience, 1). The state resets at train begin, so one
 * instance can be reused across fits.
 */
export class EarlyStoppingCallback extends tf.Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly baseline?: number;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly verbose: number;
  /** Epochs since the last improvement (that also beat the baseline). */
  wait = 0;
  /** Best monitored value so far (±Infinity before the first monitored epoch). */
  best = Infinity;
  /** Epoch (0-based) of the best monitored value; 0 before any. */
  bestEpoch = 0;
  /** Epoch (0-based) at which training was stopped; 0 if it was not stopped. */
  stoppedEpoch = 0;
  private bestWeights: tf.Tensor[] | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    const check = checker(OWNER);
    check.options<EarlyStoppingOptions>(options, [
      'monitor', 'minDelta', 'patience', 'mode', 'baseline', 'restoreBestWeights', 'startFromEpoch', 'verbose',
    ]);
    this.monitor = check.string('monitor', options.monitor, 'val_loss');
    // Keras takes |minDelta|; a negative value is accepted as its magnitude.
    this.minDelta = Math.abs(check.finite('minDelta', options.minDelta, 0));
    this.patience = check.integer('patience', options.patience, 0, 0);
    this.startFromEpoch = check.integer('startFromEpoch', options.startFromEpoch, 0, 0);
    this.verbose = check.number('verbose', options.verbose, { min: 0, max: 1, integer: true }, 0);
    const mode = check.oneOf('mode', options.mode, ['auto', 'min', 'max'] as const, 'auto');
    this.mode = mode === 'auto' ? inferMode(this.monitor) : mode;
    this.baseline = options.baseline === undefined ? undefined : check.finite('baseline', options.baseline);
    this.restoreBestWeights = check.boolean('restoreBestWeights', options.restoreBestWeights, false);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  /** True when `value` improves on `reference` by more than minDelta in the monitored direction. */
  isImprovement(value: number, reference: number): boolean {
    return this.mode === 'min' ? value + this.minDelta < reference : value - this.minDelta > reference;
  }

  private get target(): StoppableModel {
    if (this.model == null) {
      throw new Error('earlyStopping: no model; pass the callback to model.fit or call setModel(model) first');
    }
    return this.model as unknown as StoppableModel;
  }

  /** Attaches the model (model.fit does it); a custom loop may pass any {@link StoppableModel}. */
  override setModel(model: Parameters<tf.Callback['setModel']>[0] | StoppableModel): void {
    this.model = model as tf.LayersModel;
  }

  override async onTrainBegin(): Promise<void> {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestEpoch = 0;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.setBestWeights(null);
  }

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    const resolved = await resolveLogs(logs);
    const current = resolved[this.monitor];
    if (current == null) {
      console.warn(`earlyStopping: conditioned on metric \`${this.monitor}\` which is not available. `
        + `Available metrics are: ${Object.keys(resolved).join(',')}`);
      return;
    }
    if (epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights == null) {
      // Before any improvement, the current weights are the best known.
      this.setBestWeights(this.copyWeights());
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.setBestWeights(this.copyWeights());
      if (this.baseline == null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.target.stopTraining = true;
      this.restore();
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (this.stoppedEpoch > 0 && this.verbose > 0) {
      console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    }
    this.restore();
    this.setBestWeights(null);
  }

  /** Puts the best weights back into the model (no-op unless restoreBestWeights and some were kept). */
  private restore(): void {
    if (!this.restoreBestWeights || this.bestWeights == null) return;
    if (this.verbose > 0) {
      console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
    }
    this.target.setWeights(this.bestWeights);
  }

  private copyWeights(): tf.Tensor[] {
    // getWeights() returns the variables themselves; clone so later updates do not touch the copy,
    // and keep it out of any enclosing tf.tidy scope: it is disposed when replaced or at train end.
    return this.target.getWeights().map((w) => tf.keep(tf.clone(w)));
  }

  private setBestWeights(weights: tf.Tensor[] | null): void {
    if (this.bestWeights != null) tf.dispose(this.bestWeights);
    this.bestWeights = weights;
  }
}

/**
 * Early stopping with Keras 3 semantics, including `restoreBestWeights` (which tfjs's own
 * `tf.callbacks.earlyStopping` rejects).
 *
 * ```ts
 * const stop = rl.callbacks.earlyStopping({ monitor: 'val_loss', patience: 5, restoreBestWeights: true });
 * await model.fit(xs, ys, { epochs: 200, validationSplit: 0.2, callbacks: [stop] });
 * console.log(stop.bestEpoch, stop.stoppedEpoch);
 * ```
 *
 * From a custom loop: `stop.setModel(model)` (anything with getWeights/setWeights/stopTraining),
 * then call `onTrainBegin()`, `onEpochEnd(epoch, { val_loss })` each epoch (stop when
 * `model.stopTraining` becomes true), and `onTrainEnd()`.
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStoppingCallback {
  return new EarlyStoppingCallback(options);
}
