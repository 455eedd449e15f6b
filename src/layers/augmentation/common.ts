// Shared pieces of the augmentation layers: the base layer (train-only, seeded, shape-keeping,
// serializable), the factor-range convention of Keras, and seeded draws.
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { checker, described } from '../../args';

/** Base-layer options accepted by every augmentation layer (as for any tfjs layer). */
export interface BaseAugmentationArgs {
  /**
   * Seed of the layer's random stream. With a seed, a fresh layer (or a reloaded model) replays
   * the same sequence of random transformations, call after call; each call still draws new
   * ones. Defaults to undefined: draws come from `Math.random` (seeded by `rl.config.seed`).
   */
  seed?: number;
  /** Layer name. Defaults to an automatic unique name. */
  name?: string;
  /** Input shape without the batch axis, `[height, width, channels]`, when this is the first layer. */
  inputShape?: number[];
  /** Batch input shape, when this is the first layer. */
  batchInputShape?: (number | null)[];
  /** Batch size used with `inputShape`. */
  batchSize?: number;
  /** Output dtype. Defaults to 'float32' (the only one supported). */
  dtype?: 'float32';
  /** Accepted for tfjs compatibility; the layer has no weights. */
  trainable?: boolean;
}

/**
 * Option names every augmentation layer accepts: seed + tfjs base-layer keys (+ `customObjects`,
 * which tfjs's deserializer adds to the config it passes to `fromConfig`).
 */
export const BASE_KEYS = ['seed', 'name', 'inputShape', 'batchInputShape', 'batchSize', 'dtype', 'trainable', 'inputDType', 'customObjects'] as const;

/** A two-number range `[lower, upper]`. */
export type Range = [number, number];

/**
 * Keras's factor convention: a number f means the range [−|f|, |f|]; a pair means [lower, upper]
 * with lower ≤ upper (a reversed pair is an error, as in Keras). Every bound must lie in [min, max].
 */
export function symmetricRange(owner: string, name: string, value: unknown, min: number, max: number): Range {
  const check = checker(owner);
  const must = `a number or a [lower, upper] pair of numbers in [${min}, ${max}] with lower ≤ upper`;
  if (typeof value === 'number') {
    if (!(Number.isFinite(value) && value >= min && value <= max)) throw check.error(name, must, value);
    return [-Math.abs(value), Math.abs(value)];
  }
  if (!Array.isArray(value) || value.length !== 2) throw check.error(name, must, value, 'type');
  if (!value.every((v) => typeof v === 'number')) throw check.error(name, must, value, 'type');
  if (!value.every((v: number) => Number.isFinite(v) && v >= min && v <= max) || value[0] > value[1]) {
    throw check.error(name, must, value);
  }
  return [value[0], value[1]];
}

/** A source of uniform numbers in [0, 1): seeded (seedrandom's Alea) or `Math.random`. */
export type Uniform = () => number;

/** A seeded uniform stream, or `Math.random` (seeded by `rl.config.seed`) when `seed` is undefined. */
export function uniformSource(seed: number | undefined): Uniform {
  if (seed === undefined) return () => Math.random();
  const prng = seedrandom.alea(`reglab-augmentation:${seed}`);
  return () => prng();
}

/** Uniform on [lower, upper). */
export function uniformIn(u: Uniform, [lower, upper]: Range): number {
  return lower + (upper - lower) * u();
}

/** An integer seed for a tfjs random op, drawn from the stream. */
export function tfSeed(u: Uniform): number {
  return Math.floor(u() * 2 ** 31);
}

/** Fill modes of `tf.image.transform` (Keras's names and meanings). */
export const FILL_MODES = ['reflect', 'wrap', 'constant', 'nearest'] as const;
export type FillMode = (typeof FILL_MODES)[number];
/** Interpolation of `tf.image.transform`. */
export const INTERPOLATIONS = ['bilinear', 'nearest'] as const;
export type Interpolation = (typeof INTERPOLATIONS)[number];

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];

/**
 * Base of the augmentation layers: random in training (`kwargs.training === true`, which
 * `model.fit` passes), an exact copy of the input at inference (`predict`, `evaluate`, plain
 * `apply`), same shape in and out. Inputs are NHWC images, rank 4 `[batch, h, w, c]` or rank 3
 * `[h, w, c]`. Subclasses implement {@link augment} on a rank-4 float32 batch.
 */
export abstract class AugmentationLayer extends tf.layers.Layer {
  readonly seed?: number;
  /** The layer's random stream (see {@link BaseAugmentationArgs.seed}). */
  protected readonly uniform: Uniform;

  protected constructor(owner: string, args: BaseAugmentationArgs) {
    super(args as LayerArgs);
    const check = checker(owner);
    if (args.dtype !== undefined) check.oneOf('dtype', args.dtype, ['float32'] as const);
    this.seed = args.seed === undefined ? undefined : check.number('seed', args.seed, { integer: true });
    this.uniform = uniformSource(this.seed);
  }

  /** The random augmentation of a float32 NHWC batch; called inside `tf.tidy`. */
  protected abstract augment(images: tf.Tensor4D): tf.Tensor4D;

  /** The layer's own options, for {@link getConfig}. */
  protected abstract ownConfig(): tf.serialization.ConfigDict;

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (x.rank !== 3 && x.rank !== 4) {
      throw checker(this.getClassName()).error('inputs', 'NHWC images of rank 4 [batch, height, width, channels] or rank 3', described(`shape [${x.shape}]`));
    }
    // A copy, not the input itself: tfjs's executor may dispose the input once consumed.
    if (kwargs?.['training'] !== true) return x.dtype === 'float32' ? tf.clone(x) : tf.cast(x, 'float32');
    return tf.tidy(() => {
      const images = (x.rank === 3 ? tf.expandDims(x, 0) : x).toFloat() as tf.Tensor4D;
      const out = this.augment(images);
      return x.rank === 3 ? tf.squeeze(out, [0]) : out;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const own = this.ownConfig();
    if (this.seed !== undefined) own['seed'] = this.seed;
    return { ...super.getConfig(), ...own };
  }
}
