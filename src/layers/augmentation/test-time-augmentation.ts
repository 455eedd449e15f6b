import * as tf from '@tensorflow/tfjs';
import { checker } from '../../args';

/** Makes one random view of a batch: augmentation layers (run in training mode) or a function. */
export type ViewMaker = tf.layers.Layer[] | ((x: tf.Tensor, view: number) => tf.Tensor);

/** A model to average: a tfjs LayersModel (its `predict`) or a function returning probabilities. */
export type PredictingModel = tf.LayersModel | ((x: tf.Tensor) => tf.Tensor);

/** Options of {@link testTimeAugmentation}. */
export interface TestTimeAugmentationOptions {
  /**
   * How to make a view: augmentation layers applied in order with `training: true` (e.g.
   * `[rl.layers.randomZoom(…), rl.layers.randomTranslation(…)]`, seeded for reproducible views),
   * or a function `(x, view) => x'` for deterministic views (flips, fixed shifts). Required.
   */
  augment: ViewMaker;
  /** Number V of augmented views, an integer in [1, 10000]. Defaults to 8. */
  views?: number;
  /** Whether the un-augmented input counts as one more view. Defaults to true. */
  includeOriginal?: boolean;
}

const OWNER = 'rl.layers.testTimeAugmentation';

/**
 * Test-time augmentation: the model's predicted probabilities averaged over augmented views of
 * each input,
 *
 *   p̄(y | x) = (1/K) Σ_k f(T_k(x)),   K = V (+ 1 with the original, T_0 = identity),
 *
 * i.e. an ensemble over transformations instead of over models (Krizhevsky et al. 2012 averaged
 * ten crops and flips). Average probabilities, not logits: the result is again a distribution.
 * Returns a new tensor (the caller disposes it) of the model's output shape; nothing else stays.
 *
 * ```ts
 * const views = [rl.layers.randomZoom({ heightFactor: 0.1, seed: 1 })];
 * const probs = rl.layers.testTimeAugmentation(model, xTest, { augment: views, views: 8 });
 * ```
 */
export function testTimeAugmentation(model: PredictingModel, x: tf.Tensor, options: TestTimeAugmentationOptions): tf.Tensor {
  const check = checker(OWNER);
  const opts = check.options<TestTimeAugmentationOptions>(options, ['augment', 'views', 'includeOriginal']);
  if (!(model instanceof tf.LayersModel) && typeof model !== 'function') {
    throw check.error('model', 'a tf.LayersModel or a function (x) => probabilities', model, 'type');
  }
  if (!(x instanceof tf.Tensor)) throw check.error('x', 'a tf.Tensor', x, 'type');
  const views = check.integer('views', opts.views, 1, 8, 10_000);
  const includeOriginal = check.boolean('includeOriginal', opts.includeOriginal, true);
  const view = viewMaker(check, opts.augment);
  const predict = model instanceof tf.LayersModel
    ? (input: tf.Tensor) => model.predict(input) as tf.Tensor
    : model;
  const count = views + (includeOriginal ? 1 : 0);
  let sum: tf.Tensor | undefined = includeOriginal ? tf.tidy(() => predict(x).toFloat()) : undefined;
  for (let v = 0; v < views; v++) {
    const next: tf.Tensor = tf.tidy(() => {
      const p = predict(view(x, v)).toFloat();
      return sum === undefined ? p : tf.add(sum, p);
    });
    sum?.dispose();
    sum = next;
  }
  const total = sum as tf.Tensor;
  const mean = tf.tidy(() => tf.div(total, count));
  total.dispose();
  return mean;
}

type Check = ReturnType<typeof checker>;

function viewMaker(check: Check, augment: unknown): (x: tf.Tensor, view: number) => tf.Tensor {
  const must = 'an array of augmentation layers or a function (x, view) => tensor';
  if (typeof augment === 'function') return augment as (x: tf.Tensor, view: number) => tf.Tensor;
  if (!Array.isArray(augment) || augment.length === 0) throw check.error('augment', must, augment, 'type');
  augment.forEach((layer, i) => {
    if (!(layer instanceof tf.layers.Layer)) throw check.error(`augment[${i}]`, 'a tf.layers.Layer', layer, 'type');
  });
  const layers = augment as tf.layers.Layer[];
  return (x) => layers.reduce<tf.Tensor>((t, layer) => layer.apply(t, { training: true }) as tf.Tensor, x);
}
