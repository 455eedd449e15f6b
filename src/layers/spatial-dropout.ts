import * as tf from '@tensorflow/tfjs';
import { checker, described } from '../args';
import { invertedDropout } from './dropout';

const OWNER = 'rl.layers.spatialDropout2d';
const KEYS = [
  'rate', 'seed', 'dataFormat', 'name', 'inputShape', 'batchInputShape', 'batchSize', 'dtype', 'trainable', 'inputDType',
  'customObjects',
] as const;

/** Options of {@link spatialDropout2d}; the config of a {@link SpatialDropout2D} layer. */
export interface SpatialDropout2DArgs {
  /** Fraction of the channels to drop, in [0, 1). Required. */
  rate: number;
  /**
   * Seed of the masks. With a seed, call k of the layer uses seed + k, so a fresh model built
   * with the same seed reproduces the same sequence of masks. Defaults to undefined
   * (`Math.random`, seeded by `rl.config.seed`).
   */
  seed?: number;
  /** Layout of the 4-D input. Defaults to 'channelsLast' (NHWC). */
  dataFormat?: 'channelsLast' | 'channelsFirst';
  /** Layer name. Defaults to an automatic unique name. */
  name?: string;
  /** Input shape without the batch axis, when this is the first layer. */
  inputShape?: number[];
  /** Batch input shape, when this is the first layer. */
  batchInputShape?: (number | null)[];
}

/**
 * Spatial dropout for images (Tompson et al. 2015): drops whole feature maps instead of single
 * pixels, because neighbouring pixels of a map are strongly correlated and pixel dropout barely
 * regularizes them. In training, for each example b and channel c, with m_bc ~ Bernoulli(1 − p):
 *
 *   y[b, h, w, c] = x[b, h, w, c] · m_bc / (1 − p);   identity at inference.
 *
 * Serializable: a model containing it saves and loads (`className` 'SpatialDropout2D').
 */
export class SpatialDropout2D extends tf.layers.Layer {
  static className = 'SpatialDropout2D';
  readonly rate: number;
  readonly seed?: number;
  readonly dataFormat: 'channelsLast' | 'channelsFirst';
  private calls = 0;

  constructor(args: SpatialDropout2DArgs) {
    super((args ?? {}) as unknown as ConstructorParameters<typeof tf.layers.Layer>[0]);
    const check = checker(OWNER);
    check.object('args', args, 'an options object with a `rate`');
    check.options<SpatialDropout2DArgs>(args, KEYS);
    this.rate = check.number('rate', args.rate, { min: 0, max: 1, maxOpen: true });
    this.seed = args.seed === undefined ? undefined : check.seed('seed', args.seed);
    this.dataFormat = check.oneOf('dataFormat', args.dataFormat, ['channelsLast', 'channelsFirst'] as const, 'channelsLast');
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (x.rank !== 4) {
      throw checker(OWNER).error('inputs', 'a rank-4 tensor', described(`shape [${x.shape}]`));
    }
    const training = kwargs?.['training'] === true;
    if (!training || this.rate === 0) return tf.clone(x);
    const [batch, d1, , d3] = x.shape;
    const noiseShape = this.dataFormat === 'channelsLast' ? [batch, 1, 1, d3] : [batch, d1, 1, 1];
    const seed = this.seed == null ? undefined : this.seed + this.calls;
    this.calls += 1;
    return invertedDropout(x, { rate: this.rate, training: true, seed, noiseShape });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { rate: this.rate, dataFormat: this.dataFormat };
    if (this.seed != null) config['seed'] = this.seed;
    return { ...super.getConfig(), ...config };
  }
}
tf.serialization.registerClass(SpatialDropout2D);

/**
 * A SpatialDropout2D layer (drops whole channels of NHWC images, in training only).
 *
 * ```ts
 * const model = tf.sequential({ layers: [
 *   tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3 }),
 *   rl.layers.spatialDropout2d({ rate: 0.25, seed: 0 }),
 *   tf.layers.flatten(), tf.layers.dense({ units: 1 }),
 * ] });
 * ```
 */
export function spatialDropout2d(args: SpatialDropout2DArgs): SpatialDropout2D {
  return new SpatialDropout2D(args);
}
