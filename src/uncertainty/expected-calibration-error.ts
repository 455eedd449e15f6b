import { reliabilityFor, type Labels, type Probabilities, type ReliabilityOptions } from './reliability';

/** Options of {@link expectedCalibrationError}. */
export type CalibrationErrorOptions = ReliabilityOptions;

/**
 * Expected calibration error with B equal-width confidence bins (Naeini, Cooper & Hauskrecht
 * 2015; Guo et al. 2017):
 *
 *   ECE = Σ_b (n_b / n) · |accuracy_b − confidence_b|,
 *
 * the gap between how often the top class is right and how sure the model says it is, weighted
 * by how many predictions fall in each bin. 0 for a calibrated model; it does not say in which
 * direction the model errs (compare the mean confidence with the accuracy for that).
 *
 * ```ts
 * // two predictions at confidence 0.9 and 0.7, the first right, the second wrong:
 * rl.uncertainty.expectedCalibrationError([[0.9, 0.1], [0.3, 0.7]], [0, 0], { bins: 5 });
 * // = ½·|1 − 0.9| + ½·|0 − 0.7| = 0.4
 * ```
 */
export function expectedCalibrationError(probabilities: Probabilities, labels: Labels,
  options: CalibrationErrorOptions = {}): number {
  const r = reliabilityFor('rl.uncertainty.expectedCalibrationError', probabilities, labels, options);
  return r.bins.reduce((s, b) => (b.count > 0 ? s + (b.count / r.n) * Math.abs(b.accuracy - b.confidence) : s), 0);
}
