import * as tf from '@tensorflow/tfjs';
import { checker } from '../../args';
import { AugmentationLayer, BASE_KEYS, BaseAugmentationArgs, Uniform } from './common';

/** Options of {@link specAugment}; the config of a {@link SpecAugment} layer. */
export interface SpecAugmentArgs extends BaseAugmentationArgs {
  /** F, the number of frequency masks per example, ≥ 0. Defaults to 2 (Park et al.'s LD policy). */
  frequencyMasks?: number;
  /** f, the largest width of a frequency mask in bins, ≥ 0. Defaults to 27 (LD policy, 80 mel bins). */
  frequencyMaskWidth?: number;
  /** T, the number of time masks per example, ≥ 0. Defaults to 2 (LD policy). */
  timeMasks?: number;
  /** T's width bound t, the largest width of a time mask in frames, ≥ 0. Defaults to 100 (LD policy). */
  timeMaskWidth?: number;
  /**
   * p, the largest time-mask width as a fraction of the frames τ: a width is at most
   * min(t, ⌊p·τ⌋), in [0, 1]. Defaults to 1 (LD policy; Park et al. use 0.2 for many masks).
   */
  timeMaskFraction?: number;
  /** The value written into masked cells. Defaults to 0 (the mean of a normalized spectrogram). */
  value?: number;
}

const OWNER = 'rl.layers.specAugment';

/** A mask band [start, start + width) on one axis (width 0 = no mask). */
export interface MaskBand {
  start: number;
  width: number;
}

/**
 * Park et al.'s draw of one mask on an axis of `size` cells: width w ~ U{0, …, min(maxWidth,
 * size)}, start s ~ U{0, …, size − w}; the band is [s, s + w).
 */
export function drawMaskBand(u: Uniform, size: number, maxWidth: number): MaskBand {
  const bound = Math.min(maxWidth, size);
  const width = Math.floor(u() * (bound + 1));
  const start = Math.floor(u() * (size - width + 1));
  return { start, width };
}

/**
 * SpecAugment's masking (Park et al., "SpecAugment: A Simple Data Augmentation Method for
 * Automatic Speech Recognition", Interspeech 2019), in training only. Inputs are spectrograms as
 * NHWC images `[batch, time, frequency, channels]` (rank 3 without the batch axis). Each example
 * gets F frequency masks (consecutive bins [f₀, f₀ + f) with f ~ U{0…f_max}, across all frames)
 * and T time masks (frames [t₀, t₀ + t) with t ~ U{0…min(t_max, ⌊p·τ⌋)}, across all bins), drawn
 * independently; masked cells (all channels) are set to `value`. Identity at inference. Time
 * warping, SpecAugment's third part, is left out (Park et al. found it the least useful).
 * Serializable (`className` 'SpecAugment').
 */
export class SpecAugment extends AugmentationLayer {
  static className = 'SpecAugment';
  readonly frequencyMasks: number;
  readonly frequencyMaskWidth: number;
  readonly timeMasks: number;
  readonly timeMaskWidth: number;
  readonly timeMaskFraction: number;
  readonly value: number;

  constructor(args?: SpecAugmentArgs) {
    const check = checker(OWNER);
    const options = check.options<SpecAugmentArgs>(args, [...BASE_KEYS, 'frequencyMasks',
      'frequencyMaskWidth', 'timeMasks', 'timeMaskWidth', 'timeMaskFraction', 'value']);
    super(OWNER, options);
    this.frequencyMasks = check.integer('frequencyMasks', options.frequencyMasks, 0, 2, 1000);
    this.frequencyMaskWidth = check.integer('frequencyMaskWidth', options.frequencyMaskWidth, 0, 27);
    this.timeMasks = check.integer('timeMasks', options.timeMasks, 0, 2, 1000);
    this.timeMaskWidth = check.integer('timeMaskWidth', options.timeMaskWidth, 0, 100);
    this.timeMaskFraction = check.unit('timeMaskFraction', options.timeMaskFraction, 1);
    this.value = check.finite('value', options.value, 0);
  }

  /** One example's masked frames and bins, as 0/1 indicators (1 = masked). */
  private drawExample(frames: number, bins: number): { time: Uint8Array; frequency: Uint8Array } {
    const time = new Uint8Array(frames);
    const frequency = new Uint8Array(bins);
    const mark = (into: Uint8Array, band: MaskBand) => into.fill(1, band.start, band.start + band.width);
    for (let m = 0; m < this.frequencyMasks; m++) mark(frequency, drawMaskBand(this.uniform, bins, this.frequencyMaskWidth));
    const timeBound = Math.min(this.timeMaskWidth, Math.floor(this.timeMaskFraction * frames));
    for (let m = 0; m < this.timeMasks; m++) mark(time, drawMaskBand(this.uniform, frames, timeBound));
    return { time, frequency };
  }

  protected augment(images: tf.Tensor4D): tf.Tensor4D {
    const [batch, frames, bins] = images.shape;
    const time = new Uint8Array(batch * frames);
    const frequency = new Uint8Array(batch * bins);
    for (let b = 0; b < batch; b++) {
      const example = this.drawExample(frames, bins);
      time.set(example.time, b * frames);
      frequency.set(example.frequency, b * bins);
    }
    // A cell is masked when its frame or its bin is: an outer "or" of the two indicators.
    const masked = tf.logicalOr(
      tf.tensor4d(time, [batch, frames, 1, 1], 'bool'),
      tf.tensor4d(frequency, [batch, 1, bins, 1], 'bool'),
    );
    const mask = tf.broadcastTo(masked, images.shape);
    return tf.where(mask, tf.fill(images.shape, this.value), images) as tf.Tensor4D;
  }

  protected ownConfig(): tf.serialization.ConfigDict {
    return {
      frequencyMasks: this.frequencyMasks, frequencyMaskWidth: this.frequencyMaskWidth,
      timeMasks: this.timeMasks, timeMaskWidth: this.timeMaskWidth,
      timeMaskFraction: this.timeMaskFraction, value: this.value,
    };
  }
}
tf.serialization.registerClass(SpecAugment);

/**
 * A SpecAugment layer: random frequency bands and time spans of each spectrogram are set to
 * `value` while training; the identity at inference.
 *
 * ```ts
 * const mask = rl.layers.specAugment({ frequencyMasks: 1, frequencyMaskWidth: 4,
 *   timeMasks: 1, timeMaskWidth: 6, seed: 0 });
 * mask.apply(tf.ones([2, 32, 24, 1]), { training: true }); // rows and columns of zeros
 * ```
 */
export function specAugment(args?: SpecAugmentArgs): SpecAugment {
  return new SpecAugment(args);
}
