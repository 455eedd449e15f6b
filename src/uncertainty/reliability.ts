import * as tf from '@tensorflow/tfjs';
import { checker, described, type Checker } from '../args';

/** Options of {@link reliability}. */
export interface ReliabilityOptions {
  /** Number B of equal-width confidence bins on [0, 1]. Defaults to 10. */
  bins?: number;
}

/** One confidence bin: the predictions whose top probability falls in (lower, upper]. */
export interface ReliabilityBin {
  /** Lower edge (exclusive, except 0 for the first bin). */
  lower: number;
  /** Upper edge (inclusive). */
  upper: number;
  /** Number of predictions in the bin. */
  count: number;
  /** Mean top probability of those predictions (NaN when the bin is empty). */
  confidence: number;
  /** Fraction of them whose top class is the label (NaN when the bin is empty). */
  accuracy: number;
}

/** The reliability-diagram data: per-bin confidence and accuracy, and the overall means. */
export interface Reliability {
  bins: ReliabilityBin[];
  /** Number of predictions. */
  n: number;
  /** Mean top probability over all predictions. */
  confidence: number;
  /** Overall accuracy of the top class. */
  accuracy: number;
}

/** Class probabilities: rows of a [n, classes] matrix, as nested arrays or a 2-D tensor. */
export type Probabilities = number[][] | tf.Tensor2D;
/** Labels: class indices (number[] or a 1-D tensor), or one-hot rows ([n, classes]). */
export type Labels = number[] | number[][] | tf.Tensor;

function toRows(probabilities: Probabilities, check: Checker): number[][] {
  const rows = probabilities instanceof tf.Tensor ? probabilities.arraySync() : probabilities;
  check.matrix('probabilities', rows);
  rows.forEach((r, i) => r.forEach((p, j) => check.unit(`probabilities[${i}][${j}]`, p)));
  return rows;
}

function toIndices(labels: Labels, n: number, classes: number, check: Checker): number[] {
  const raw = labels instanceof tf.Tensor ? labels.arraySync() : labels;
  const must = `an array with one entry per row of \`probabilities\` (${n})`;
  if (!Array.isArray(raw)) throw check.error('labels', must, raw, 'type');
  if (raw.length !== n) throw check.error('labels', must, described(`${raw.length} entries`));
  return (raw as (number | number[])[]).map((v, i) => {
    const k = Array.isArray(v) ? v.indexOf(Math.max(...v)) : v;
    if (!(Number.isInteger(k) && k >= 0 && k < classes)) {
      throw check.error(`labels[${i}]`, `a class index in [0, ${classes - 1}] or a one-hot row`, v);
    }
    return k;
  });
}

/** Index of the largest entry (the first one on ties, as tf.argMax). */
const argMax = (row: number[]): number => row.reduce((b, v, i) => (v > row[b] ? i : b), 0);

/**
 * Bins predictions by confidence c = max_k p_k into B equal-width bins, bin b covering
 * ((b−1)/B, b/B] (the first also holds c = 0), and reports for each its mean confidence and the
 * accuracy of the top class — the data of a reliability diagram (Guo, Pleiss, Sun & Weinberger,
 * ICML 2017). A calibrated model has accuracy ≈ confidence in every bin.
 *
 * ```ts
 * const r = rl.uncertainty.reliability([[0.9, 0.1], [0.3, 0.7]], [0, 0], { bins: 5 });
 * r.bins[4];   // { lower: 0.8, upper: 1, count: 1, confidence: 0.9, accuracy: 1 }
 * r.bins[3];   // { lower: 0.6, upper: 0.8, count: 1, confidence: 0.7, accuracy: 0 }
 * ```
 */
export function reliability(probabilities: Probabilities, labels: Labels, options: ReliabilityOptions = {}): Reliability {
  return reliabilityFor('rl.uncertainty.reliability', probabilities, labels, options);
}

/** {@link reliability} with errors in the name of `owner` (expectedCalibrationError uses it). */
export function reliabilityFor(owner: string, probabilities: Probabilities, labels: Labels, options: ReliabilityOptions = {}): Reliability {
  const check = checker(owner);
  check.options<ReliabilityOptions>(options, ['bins']);
  // One bin per distinct confidence at most matters; 10 000 bins is already far past that.
  const B = check.integer('bins', options.bins, 1, 10, 10_000);
  const rows = toRows(probabilities, check);
  const y = toIndices(labels, rows.length, rows[0].length, check);
  const count = new Array<number>(B).fill(0);
  const confSum = new Array<number>(B).fill(0);
  const correct = new Array<number>(B).fill(0);
  rows.forEach((row, i) => {
    const c = Math.max(...row);
    // ceil(c·B) − 1, with a hair of tolerance so that 0.7·10 = 7.000000000000001 lands in (0.6, 0.7]
    const b = Math.min(B - 1, Math.max(0, Math.ceil(c * B - 1e-9) - 1));
    count[b] += 1;
    confSum[b] += c;
    if (argMax(row) === y[i]) correct[b] += 1;
  });
  const n = rows.length;
  const bins = count.map((k, b) => ({
    lower: b / B, upper: (b + 1) / B, count: k,
    confidence: k > 0 ? confSum[b] / k : NaN, accuracy: k > 0 ? correct[b] / k : NaN,
  }));
  const sum = (v: number[]): number => v.reduce((s, x) => s + x, 0);
  return { bins, n, confidence: sum(confSum) / n, accuracy: sum(correct) / n };
}
