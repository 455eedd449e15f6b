import * as tf from '@tensorflow/tfjs';
import { Uniform, uniformSource } from './common';
import { checker, described, type Checker } from '../../args';

/** Options of {@link mixup}. */
export interface MixupOptions {
  /**
   * Concentration α of λ ~ Beta(α, α), > 0. Small α puts λ near 0 or 1 (mild mixing); α = 1 is
   * uniform. Defaults to 0.2 (Zhang et al. 2018's ImageNet setting; Keras's MixUp default).
   */
  alpha?: number;
  /**
   * Seed of λ and of the pairing. The same seed gives the same λ and pairing, so vary it per
   * batch (e.g. `seed: 1000 * epoch + step`). Defaults to undefined: `Math.random` (seeded by
   * `rl.config.seed`).
   */
  seed?: number;
}

/** Result of {@link mixup}. The caller owns (and disposes) `xs` and `ys`. */
export interface MixupResult {
  /** λ·xs + (1 − λ)·xs[permutation]. */
  xs: tf.Tensor;
  /** λ·ys + (1 − λ)·ys[permutation] (one-hot or soft labels become soft labels). */
  ys: tf.Tensor;
  /** The mixing weight λ ~ Beta(α, α) drawn for this batch. */
  lambda: number;
  /** The partner of each example: example i is mixed with example permutation[i]. */
  permutation: number[];
}

const OWNER = 'rl.layers.mixup';

/**
 * The inputs of a label-mixing augmentation (mixup, CutMix): `xs` and `ys` tensors with one
 * batch axis in common, `ys` float32 since mixed labels are fractional (`rank` also fixes xs's rank).
 */
export function checkMixedBatch(check: Checker, xs: unknown, ys: unknown, rank?: { rank: number; shape: string }): void {
  if (!(xs instanceof tf.Tensor)) throw check.error('xs', 'a tf.Tensor', xs, 'type');
  if (!(ys instanceof tf.Tensor)) throw check.error('ys', 'a tf.Tensor', ys, 'type');
  if (rank !== undefined && xs.rank !== rank.rank) throw check.error('xs', rank.shape, described(`shape [${xs.shape}]`));
  if (xs.rank === 0 || ys.rank === 0 || xs.shape[0] !== ys.shape[0]) {
    throw check.error('ys', `a tensor with the batch size of \`xs\` (${xs.shape[0]}) on its first axis`, described(`shape [${ys.shape}]`));
  }
  if (ys.dtype !== 'float32') {
    throw check.error('ys', 'float32 (one-hot or soft labels), since mixed labels are fractional', described(`dtype ${ys.dtype}`), 'type');
  }
}

/** A standard normal draw (Box–Muller) from a uniform stream. */
function normal(u: Uniform): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/**
 * A Gamma(shape, 1) draw: Marsaglia & Tsang (2000) for shape ≥ 1; for shape < 1 the boost
 * Gamma(a) = Gamma(a + 1)·U^(1/a).
 */
export function sampleGamma(shape: number, u: Uniform): number {
  if (shape < 1) return sampleGamma(shape + 1, u) * Math.pow(1 - u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(u);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * A Beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). Mean a/(a+b).
 *
 * ```ts
 * rl.layers.sampleBeta(0.2, 0.2, () => Math.random()); // mostly near 0 or 1
 * ```
 */
export function sampleBeta(a: number, b: number, u: Uniform): number {
  const x = sampleGamma(a, u);
  const y = sampleGamma(b, u);
  return x + y === 0 ? (u() < a / (a + b) ? 1 : 0) : x / (x + y);
}

/** A uniformly random permutation of 0 … n−1 (Fisher–Yates); also cutmix's pairing. */
export function permutation(n: number, u: Uniform): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/**
 * mixup (Zhang, Cissé, Dauphin, Lopez-Paz, "mixup: Beyond Empirical Risk Minimization", ICLR
 * 2018): trains on convex combinations of pairs of examples and of their labels,
 *
 *   x̃ = λ·x_i + (1 − λ)·x_j,   ỹ = λ·y_i + (1 − λ)·y_j,   λ ~ Beta(α, α),
 *
 * with one λ per batch and j a random permutation of the batch (the paper's implementation).
 * A batch helper, not a layer: labels change too. Use it on each training batch only.
 *
 * ```ts
 * const { xs, ys, lambda } = rl.layers.mixup(xBatch, yOneHot, { alpha: 0.2, seed: step });
 * await model.trainOnBatch(xs, ys);
 * tf.dispose([xs, ys]);
 * ```
 */
export function mixup(xs: tf.Tensor, ys: tf.Tensor, options?: MixupOptions): MixupResult {
  const check = checker(OWNER);
  checkMixedBatch(check, xs, ys);
  const opts = check.options<MixupOptions>(options, ['alpha', 'seed']);
  const alpha = check.positive('alpha', opts.alpha, 0.2);
  const u = uniformSource(opts.seed === undefined ? undefined : check.number('seed', opts.seed, { integer: true }));
  const lambda = sampleBeta(alpha, alpha, u);
  const partner = permutation(xs.shape[0], u);
  const mixed = tf.tidy(() => {
    const index = tf.tensor1d(partner, 'int32');
    const mix = (t: tf.Tensor) => tf.add(tf.mul(lambda, t.toFloat()), tf.mul(1 - lambda, tf.gather(t.toFloat(), index)));
    return [mix(xs), mix(ys)];
  });
  return { xs: mixed[0], ys: mixed[1], lambda, permutation: partner };
}
