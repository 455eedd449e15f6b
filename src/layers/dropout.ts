import * as tf from '@tensorflow/tfjs';
import { checker, type Checker } from '../args';

const OWNER = 'rl.layers.invertedDropout';

/** Options of {@link invertedDropout}. */
export interface InvertedDropoutOptions {
  /** Probability of dropping (zeroing) each unit, in [0, 1). Required. */
  rate: number;
  /**
   * Apply dropout only when true; when false the input is returned unchanged (the very same
   * tensor). Defaults to `true` — calling the function means you want the noise.
   */
  training?: boolean;
  /**
   * Seed of the uniform draws. The same seed gives the same mask on every call. Defaults to
   * undefined: `Math.random` is used (seed it with `rl.config.seed`).
   */
  seed?: number;
  /**
   * Shape of the mask, broadcast against `x`: one entry per axis of `x`, each the axis's size or
   * 1 (one draw shared along that axis: `[batch, 1, 1, channels]` drops whole channels of an
   * NHWC image), or `null` to take the size from `x` (Keras's None). Defaults to `x.shape`.
   */
  noiseShape?: (number | null)[];
}

/**
 * Inverted dropout, from scratch.
 *
 * In training, each unit is kept with probability 1 − p and scaled by 1 / (1 − p):
 *
 *   y_i = x_i · m_i / (1 − p),   m_i ~ Bernoulli(1 − p)   ⇒   E[y_i] = x_i.
 *
 * At inference (`training: false`) it is the identity, so no rescaling is needed then.
 *
 * ```ts
 * const x = tf.ones([2, 4]);
 * rl.layers.invertedDropout(x, { rate: 0.5, seed: 1 }).print(); // entries 0 or 2
 * rl.layers.invertedDropout(x, { rate: 0.5, training: false }) === x; // true
 * ```
 */
export function invertedDropout<T extends tf.Tensor>(x: T, options: InvertedDropoutOptions): T {
  const check = checker(OWNER);
  if (!(x instanceof tf.Tensor)) throw check.error('x', 'a tf.Tensor', x, 'type');
  check.object('options', options, 'an options object with a `rate`');
  check.options<InvertedDropoutOptions>(options, ['rate', 'training', 'seed', 'noiseShape']);
  const rate = check.number('rate', options.rate, { min: 0, max: 1, maxOpen: true });
  const training = check.boolean('training', options.training, true);
  const seed = options.seed === undefined ? undefined : check.seed('seed', options.seed);
  const noiseShape = options.noiseShape === undefined ? x.shape : resolveNoiseShape(check, options.noiseShape, x.shape);
  if (!training || rate === 0) return x;
  return tf.tidy(() => {
    const uniform = tf.randomUniform(noiseShape, 0, 1, 'float32', seed);
    // keep where u ≥ p: P(keep) = 1 − p; the kept units are scaled so the expectation is x.
    const mask = tf.cast(tf.greaterEqual(uniform, rate), 'float32');
    return tf.mul(x, tf.div(mask, 1 - rate)) as T;
  });
}

/**
 * The mask shape: one entry per axis of `x`, each null (the axis's size, as Keras's None), 1 (one
 * draw shared along the axis) or the axis's size.
 */
export function resolveNoiseShape(check: Checker, noiseShape: unknown, shape: readonly number[]): number[] {
  const must = `an array of ${shape.length} entries (rank of \`x\`), each null, 1 or the size of its axis of [${shape}]`;
  if (!Array.isArray(noiseShape)) throw check.error('noiseShape', must, noiseShape, 'type');
  if (noiseShape.length !== shape.length) throw check.error('noiseShape', must, noiseShape);
  return noiseShape.map((d: unknown, i) => {
    if (d === null) return shape[i];
    if (typeof d !== 'number') throw check.error(`noiseShape[${i}]`, `null, 1 or ${shape[i]}`, d, 'type');
    if (d !== 1 && d !== shape[i]) throw check.error(`noiseShape[${i}]`, `null, 1 or ${shape[i]} (axis ${i} of [${shape}])`, d);
    return d;
  });
}
