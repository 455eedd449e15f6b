import * as tf from '@tensorflow/tfjs';
import { checker } from '../args';

const OWNER = 'rl.uncertainty.mcPredict';

/** Class names of the tfjs / reglab layers that are dropout and stay stochastic in MC dropout. */
export const DROPOUT_LAYER_CLASSES: readonly string[] = [
  'Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'GaussianDropout', 'AlphaDropout',
];

/** Options of {@link mcPredict}. */
export interface McPredictOptions {
  /** Number T of stochastic forward passes. Defaults to 30. */
  samples?: number;
  /**
   * Which layers run in training mode during the passes. Defaults to the dropout family
   * ({@link DROPOUT_LAYER_CLASSES}); every other layer (batch norm, augmentation, …) runs in
   * inference mode, so batch-norm statistics are neither used from the batch nor updated.
   */
  isStochastic?: (layer: tf.layers.Layer) => boolean;
}

/** Mean and standard deviation of the T predictions, same shape as one prediction. */
export interface McPrediction {
  mean: tf.Tensor;
  std: tf.Tensor;
}

/** A model: a tfjs LayersModel, or a function that runs one stochastic forward pass. */
export type StochasticModel = tf.LayersModel | ((x: tf.Tensor) => tf.Tensor);

const isDropoutLayer = (layer: tf.layers.Layer): boolean =>
  DROPOUT_LAYER_CLASSES.includes(layer.getClassName());

/** All layers of a model, descending into nested models. */
function allLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.flatMap((layer) =>
    layer instanceof tf.LayersModel ? [layer, ...allLayers(layer)] : [layer]);
}

type CallFn = (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) => tf.Tensor | tf.Tensor[];
type Patchable = tf.layers.Layer & { call: CallFn; seed?: number };

/**
 * Forces the chosen layers into training mode (dropout on) while the rest of the model runs in
 * inference mode. A seeded tfjs Dropout would draw the same mask on every pass, so its seed is
 * advanced by the pass index. Returns a function undoing the patch.
 */
function patchStochasticLayers(model: tf.LayersModel, isStochastic: (l: tf.layers.Layer) => boolean,
  pass: { index: number }): () => void {
  const patched = allLayers(model).filter(isStochastic) as Patchable[];
  if (patched.length === 0) {
    throw new Error(`${OWNER}: the model has no dropout layer`
      + ', so all passes would be identical; '
      + `layers: ${model.layers.map((l) => l.getClassName()).join(', ')}`);
  }
  for (const layer of patched) {
    const original = Object.getPrototypeOf(layer).call as CallFn;
    const seed0 = layer.getClassName() === 'Dropout' ? layer.seed : undefined;
    layer.call = (inputs, kwargs) => {
      if (seed0 != null) layer.seed = seed0 + pass.index;
      return original.call(layer, inputs, { ...kwargs, training: true });
    };
    (layer as Patchable & { seed0?: number }).seed0 = seed0;
  }
  return () => {
    for (const layer of patched) {
      delete (layer as Partial<Patchable>).call;
      const seed0 = (layer as Patchable & { seed0?: number }).seed0;
      if (seed0 != null) layer.seed = seed0;
      delete (layer as Patchable & { seed0?: number }).seed0;
    }
  };
}

/**
 * Monte Carlo dropout (Gal & Ghahramani 2016): keep dropout on at inference, run T stochastic
 * forward passes ŷ_1 … ŷ_T and report their mean and (population) standard deviation
 *
 *   mean = (1/T) Σ_t ŷ_t,   std = sqrt((1/T) Σ_t (ŷ_t − mean)²),
 *
 * an estimate of the model's epistemic uncertainty. Only the dropout layers are stochastic;
 * batch norm and augmentation layers stay in inference mode. Both returned tensors are new: the
 * caller disposes them.
 *
 * ```ts
 * const { mean, std } = rl.uncertainty.mcPredict(model, xs, { samples: 50 });
 * ```
 */
export function mcPredict(model: StochasticModel, x: tf.Tensor, options: McPredictOptions = {}): McPrediction {
  const check = checker(OWNER);
  check.options<McPredictOptions>(options, ['samples', 'isStochastic']);
  const samples = check.integer('samples', options.samples, 1, 30, 100_000);
  if (!(x instanceof tf.Tensor)) throw check.error('x', 'a tf.Tensor', x, 'type');
  if (options.isStochastic !== undefined) check.func('isStochastic', options.isStochastic, 'a function (layer) => boolean');
  const pass = { index: 0 };
  let forward: (x: tf.Tensor) => tf.Tensor;
  let unpatch = (): void => undefined;
  if (model instanceof tf.LayersModel) {
    unpatch = patchStochasticLayers(model, options.isStochastic ?? isDropoutLayer, pass);
    forward = (input) => model.apply(input, { training: false }) as tf.Tensor;
  } else if (typeof model === 'function') {
    forward = model;
  } else {
    throw check.error('model', 'a tf.LayersModel or a function (x) => tensor', model, 'type');
  }
  try {
    // Welford's running mean and sum of squared deviations: stable, O(1) tensors in memory.
    pass.index = 0;
    let mean = tf.tidy(() => forward(x));
    let m2 = tf.zerosLike(mean);
    for (let t = 2; t <= samples; t += 1) {
      pass.index = t - 1;
      const [nextMean, nextM2] = tf.tidy(() => {
        const y = forward(x);
        const delta = tf.sub(y, mean);
        const updated = tf.add(mean, tf.div(delta, t));
        return [updated, tf.add(m2, tf.mul(delta, tf.sub(y, updated)))];
      });
      mean.dispose();
      m2.dispose();
      mean = nextMean;
      m2 = nextM2;
    }
    const std = tf.tidy(() => tf.sqrt(tf.relu(tf.div(m2, samples))));
    m2.dispose();
    return { mean, std };
  } finally {
    unpatch();
  }
}
