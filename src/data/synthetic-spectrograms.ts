/**
 * Synthetic "keyword" spectrograms: a small, documented stand-in for a speech-command data set
 * (reglab ships no audio). Each class is a word made of three segments; each segment carries two
 * formant tracks (steady or chirping) over the frequency bins. A sample renders its class's word
 * with a random onset, speaking rate and pitch shift, on a noisy background.
 *
 * ```ts
 * const d = rl.data.syntheticSpectrograms({ perClass: 5, seed: 0 });
 * const xs = tf.tensor4d(d.x, [d.n, d.frames, d.bins, 1]); // [examples, time, frequency, 1]
 * const ys = tf.oneHot(d.y, d.classes);
 * ```
 */
import { checker } from '../args';
import { prng, Prng } from '../config';

/** Options of {@link syntheticSpectrograms}. */
export interface SyntheticSpectrogramsOptions {
  /** Examples of each class. Defaults to 10. */
  perClass?: number;
  /** Number of classes (words), 2 … 12. Defaults to 6. */
  classes?: number;
  /** Time frames τ (rows of a spectrogram). Defaults to 32. */
  frames?: number;
  /** Frequency bins ν (columns). Defaults to 24. */
  bins?: number;
  /**
   * Speaking-rate jitter r: a word lasts `frames / 2 · ρ` frames with ρ uniform in [1 − r, 1 + r],
   * in [0, 0.9]. Defaults to 0.25.
   */
  rateJitter?: number;
  /** Pitch jitter p: every formant of a sample is shifted by δ ~ U[−p, p] bins, ≥ 0. Defaults to 1.5. */
  pitchJitter?: number;
  /** Standard deviation σ of the Gaussian background noise added to every cell, ≥ 0. Defaults to 0.1. */
  noise?: number;
  /** Seed of the samples (onsets, rates, pitches, noise, order). Defaults to 0. */
  seed?: number;
  /**
   * Seed of the words themselves (the class templates). Defaults to 0: class k is the same word
   * for every `seed`, so two seeds are two samples of one task.
   */
  wordSeed?: number;
}

/** The examples of {@link syntheticSpectrograms}, shuffled. */
export interface SpectrogramData {
  /** Row-major values of shape [n, frames, bins] (append a channel axis for a conv layer). */
  x: Float32Array;
  /** Class index of each example. */
  y: number[];
  /** Number of examples (perClass × classes). */
  n: number;
  frames: number;
  bins: number;
  classes: number;
}

/** One formant track of a segment: centre from `start` to `end` (fractions of the bins). */
interface Track {
  start: number;
  end: number;
}
/** A word: three segments of two tracks each. */
type Word = Track[][];

const SEGMENTS = 3;
const TRACKS = 2;
/** Formant half-width (standard deviation of the Gaussian bump) in bins. */
const WIDTH = 0.9;

/** Class templates: each track steady (p = ½) or a chirp, centres within [0.15, 0.85] of ν. */
function words(count: number, g: Prng): Word[] {
  const centre = () => 0.15 + 0.7 * g.random();
  return Array.from({ length: count }, () => Array.from({ length: SEGMENTS }, () =>
    Array.from({ length: TRACKS }, () => {
      const start = centre();
      return { start, end: g.random() < 0.5 ? start : centre() };
    })));
}

/** Adds one rendering of `word` to `out` (a frames × bins slice) with onset, rate and pitch. */
function render(out: Float32Array, offset: number, word: Word, frames: number, bins: number,
  onset: number, duration: number, shift: number): void {
  for (let t = 0; t < frames; t++) {
    const u = (t + 0.5 - onset) / duration; // position within the word, in [0, 1)
    if (u < 0 || u >= 1) continue;
    const segment = word[Math.min(SEGMENTS - 1, Math.floor(u * SEGMENTS))];
    const v = u * SEGMENTS - Math.floor(u * SEGMENTS); // position within the segment
    for (const track of segment) {
      const f = (track.start + (track.end - track.start) * v) * (bins - 1) + shift;
      for (let b = 0; b < bins; b++) {
        out[offset + t * bins + b] += Math.exp(-((b - f) ** 2) / (2 * WIDTH * WIDTH));
      }
    }
  }
}

/**
 * `perClass` spectrograms of each of `classes` synthetic keywords. Cell (t, b) of a sample of
 * word k is
 *
 *     x[t, b] = Σ_tracks exp(−(b − f(t) − δ)² / (2 · 0.9²)) + σ·ε,   ε ~ N(0, 1),
 *
 * where f(t) follows the word's formant tracks over its duration D = ρ·τ/2 (ρ ~ U[1 − r, 1 + r])
 * from an onset t₀ ~ U[0, τ − D], and δ ~ U[−p, p] is the sample's pitch shift. Seeded (by
 * `seed`, independent of `rl.config.seed`); examples are shuffled.
 */
export function syntheticSpectrograms(options: SyntheticSpectrogramsOptions = {}): SpectrogramData {
  const check = checker('rl.data.syntheticSpectrograms');
  const o = check.options<SyntheticSpectrogramsOptions>(options, ['perClass', 'classes', 'frames',
    'bins', 'rateJitter', 'pitchJitter', 'noise', 'seed', 'wordSeed']);
  const perClass = check.integer('perClass', o.perClass, 1, 10, 100_000);
  const classes = check.integer('classes', o.classes, 2, 6, 12);
  const frames = check.integer('frames', o.frames, 8, 32, 4096);
  const bins = check.integer('bins', o.bins, 8, 24, 4096);
  if (perClass * classes * frames * bins > 5e7) {
    throw check.problem(`perClass × classes × frames × bins must be at most 50000000 cells; received ${perClass} × ${classes} × ${frames} × ${bins}`);
  }
  const rateJitter = check.number('rateJitter', o.rateJitter, { min: 0, max: 0.9 }, 0.25);
  const pitchJitter = check.nonNegative('pitchJitter', o.pitchJitter, 1.5);
  const noise = check.nonNegative('noise', o.noise, 0.1);
  const g = prng(check.seed('seed', o.seed, 0));
  const templates = words(classes, prng(`reglab-spectrogram-words:${check.seed('wordSeed', o.wordSeed, 0)}`));
  const labels = g.shuffle(Array.from({ length: perClass * classes }, (_, i) => i % classes));
  const n = labels.length;
  const x = new Float32Array(n * frames * bins);
  labels.forEach((k, i) => {
    const duration = (frames / 2) * (1 - rateJitter + 2 * rateJitter * g.random());
    const onset = (frames - duration) * g.random();
    const shift = pitchJitter * (2 * g.random() - 1);
    render(x, i * frames * bins, templates[k], frames, bins, onset, duration, shift);
  });
  for (let c = 0; c < x.length; c++) x[c] += noise * g.normal();
  return { x, y: labels, n, frames, bins, classes };
}
