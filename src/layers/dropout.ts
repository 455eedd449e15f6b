import * as tf from '@tensorflow/tfjs';

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
   * Shape of the mask, broadcast against `x`; use 1 on an axis to share one draw along it
   * (e.g. `[batch, 1, 1, channels]` drops whole channels of an NHWC image). Defaults to
   * `x.shape`.
   */
  noiseShape?: number[];
}

/** Throws unless `rate` is a finite number in [0, 1). */
export function checkRate(rate: unknown, name = 'rate'): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate >= 1) {
    throw new RangeError(`\`${name}\` must be a number in [0, 1); received ${String(rate)}`);
  }
  return rate;
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
  if (!(x instanceof tf.Tensor)) {
    throw new TypeError(`\`x\` must be a tf.Tensor; received ${typeof x}`);
  }
  if (options == null || typeof options !== 'object') {
    throw new TypeError(`\`options\` must be an object with a \`rate\`; received ${String(options)}`);
  }
  const rate = checkRate(options.rate);
  const training = options.training ?? true;
  if (!training || rate === 0) return x;
  const noiseShape = options.noiseShape ?? x.shape;
  return tf.tidy(() => {
    const uniform = tf.randomUniform(noiseShape, 0, 1, 'float32', options.seed);
    // keep where u ≥ p: P(keep) = 1 − p; the kept units are scaled so the expectation is x.
    const mask = tf.cast(tf.greaterEqual(uniform, rate), 'float32');
    return tf.mul(x, tf.div(mask, 1 - rate)) as T;
  });
}
