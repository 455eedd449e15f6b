/**
 * k-fold cross-validation of any model given as a `fit` function, and the one-standard-error rule.
 *
 * ```ts
 * // a pipeline: the scaler is fitted inside each fold, on that fold's training rows only
 * const cv = await rl.tuning.crossValidate((XTrain, yTrain) => {
 *   const scaler = rl.data.standardScaler().fit(XTrain);
 *   const model = rl.linear.fitLinear(scaler.transform(XTrain), yTrain, { penalty: 'l2', alpha: 0.1 });
 *   return { predict: (X: number[][]) => model.predict(scaler.transform(X)) };
 * }, X, y, { k: 5, seed: 0 });
 * cv.mean; cv.standardError;
 * ```
 */
import { kFold, type Fold } from '../data';
import { describe, optionsObject } from '../penalties/validate';

/** Anything that predicts one number per row. */
export interface Predictor {
  predict(X: number[][]): number[] | Promise<number[]>;
}

/** Trains a model on the rows it receives (and only on them) and returns it. */
export type FitFunction = (XTrain: number[][], yTrain: number[]) => Predictor | Promise<Predictor>;

/** A score of predictions against targets, e.g. the mean squared error. */
export type ScoreFunction = (yTrue: number[], yPred: number[]) => number;

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions {
  /** Number of folds. Defaults to 5. */
  k?: number;
  /** Shuffle the rows before cutting the folds. Defaults to true. */
  shuffle?: boolean;
  /** Seed of the shuffle (the same seed gives the same folds for every model compared). Defaults to 0. */
  seed?: number;
  /** Explicit folds (e.g. from `rl.data.kFold`); when given, `k`, `shuffle` and `seed` are ignored. */
  folds?: Fold[];
  /** The score, lower or higher is better as you read it. Defaults to {@link meanSquaredError}. */
  score?: ScoreFunction;
  /** Also score each fold's model on its own training rows. Defaults to false. */
  trainScore?: boolean;
}

/** What {@link crossValidate} returns. */
export interface CrossValidation {
  /** The held-out score of each fold. */
  scores: number[];
  /** The training score of each fold (only with `trainScore: true`). */
  trainScores?: number[];
  /** Mean of `scores`. */
  mean: number;
  /** Sample standard deviation of `scores` (divisor k − 1). */
  std: number;
  /** std/√k: the standard error of `mean` used by the one-standard-error rule. */
  standardError: number;
  /** The folds used (row indices). */
  folds: Fold[];
}

/** (1/n) Σ (yTrue − yPred)². */
export function meanSquaredError(yTrue: number[], yPred: number[]): number {
  if (yTrue.length !== yPred.length || yTrue.length === 0) {
    throw new RangeError(`meanSquaredError: \`yTrue\` and \`yPred\` must be non-empty and of equal length; received ${yTrue.length} and ${yPred.length}`);
  }
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i] - yPred[i]) ** 2;
  return s / yTrue.length;
}

/** The share of rows where yPred equals yTrue (class labels). */
export function accuracy(yTrue: number[], yPred: number[]): number {
  if (yTrue.length !== yPred.length || yTrue.length === 0) {
    throw new RangeError(`accuracy: \`yTrue\` and \`yPred\` must be non-empty and of equal length; received ${yTrue.length} and ${yPred.length}`);
  }
  return yTrue.filter((v, i) => v === yPred[i]).length / yTrue.length;
}

const WHERE = 'rl.tuning.crossValidate';

/**
 * k-fold cross-validation: for each fold, `fit` sees only the other folds' rows, and the returned
 * model is scored on the held-out fold. Anything learned from data — scaler statistics, feature
 * selection — must happen inside `fit`, or the held-out rows leak into training.
 *
 * mean = (1/k) Σ_f score_f, std = √(Σ_f (score_f − mean)²/(k − 1)), standardError = std/√k.
 *
 * ```ts
 * const cv = await rl.tuning.crossValidate((X, y) => rl.linear.fitLinear(X, y), X, y, { k: 5 });
 * console.log(cv.mean, cv.standardError);
 * ```
 */
export async function crossValidate(fit: FitFunction, X: number[][], y: number[], options?: CrossValidateOptions): Promise<CrossValidation> {
  const o = optionsObject<CrossValidateOptions>(WHERE, options, ['k', 'shuffle', 'seed', 'folds', 'score', 'trainScore']);
  if (typeof fit !== 'function') throw new TypeError(`${WHERE}: \`fit\` must be a function (XTrain, yTrain) => model; received ${describe(fit)}`);
  if (!Array.isArray(X) || X.length < 2) throw new TypeError(`${WHERE}: \`X\` must be an array of at least 2 rows; received ${describe(X)}`);
  if (!Array.isArray(y) || y.length !== X.length) throw new RangeError(`${WHERE}: \`y\` must have one value per row of X (${X.length}); received ${describe(y)}`);
  const score = o.score ?? meanSquaredError;
  if (typeof score !== 'function') throw new TypeError(`${WHERE}: \`score\` must be a function (yTrue, yPred) => number; received ${describe(score)}`);
  const folds = o.folds ?? kFold(X.length, { k: o.k ?? 5, shuffle: o.shuffle ?? true, seed: o.seed ?? 0 });
  if (!Array.isArray(folds) || folds.length < 2) throw new RangeError(`${WHERE}: \`folds\` must be an array of at least 2 folds; received ${describe(folds)}`);
  const scores: number[] = [];
  const trainScores: number[] = [];
  for (const [f, fold] of folds.entries()) {
    const pick = <T>(rows: T[], idx: number[]): T[] => idx.map((i) => {
      if (!Number.isInteger(i) || i < 0 || i >= rows.length) throw new RangeError(`${WHERE}: fold ${f} has row index ${describe(i)}, outside [0, ${rows.length - 1}]`);
      return rows[i];
    });
    const [XTrain, yTrain, XHeld, yHeld] = [pick(X, fold.train), pick(y, fold.train), pick(X, fold.test), pick(y, fold.test)];
    const model = await fit(XTrain, yTrain);
    if (!model || typeof model.predict !== 'function') throw new TypeError(`${WHERE}: \`fit\` must return an object with predict(X); received ${describe(model)} in fold ${f}`);
    scores.push(score(yHeld, await model.predict(XHeld)));
    if (o.trainScore) trainScores.push(score(yTrain, await model.predict(XTrain)));
  }
  const k = scores.length;
  const mean = scores.reduce((s, v) => s + v, 0) / k;
  const std = Math.sqrt(scores.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1));
  return { scores, ...(o.trainScore ? { trainScores } : {}), mean, std, standardError: std / Math.sqrt(k), folds };
}

/** One candidate of {@link oneStandardError}: a hyperparameter value and its cross-validated error. */
export interface Candidate {
  value: number;
  mean: number;
  standardError: number;
}

/** Options of {@link oneStandardError}. */
export interface OneStandardErrorOptions {
  /**
   * Which end of the range is the simpler model: 'largest' for a penalty strength or dropout rate
   * (more regularization), 'smallest' for, e.g., a number of features. Defaults to 'largest'.
   */
  simpler?: 'largest' | 'smallest';
}

/**
 * The one-standard-error rule (Breiman et al. 1984; Hastie, Tibshirani & Friedman, ESL §7.10):
 * among the candidates whose mean error is within one standard error of the minimum,
 * mean ≤ min_mean + standardError(at the min), take the simplest. Returns `{ best, chosen }`:
 * `best` has the lowest mean error, `chosen` is the rule's pick.
 *
 * ```ts
 * rl.tuning.oneStandardError([
 *   { value: 0.01, mean: 10, standardError: 1 },
 *   { value: 0.1, mean: 9, standardError: 1 },
 *   { value: 1, mean: 9.8, standardError: 1 },
 *   { value: 10, mean: 12, standardError: 1 },
 * ]).chosen.value;   // 1
 * ```
 */
export function oneStandardError<C extends Candidate>(candidates: C[], options?: OneStandardErrorOptions): { best: C; chosen: C; threshold: number } {
  const where = 'rl.tuning.oneStandardError';
  const o = optionsObject<OneStandardErrorOptions>(where, options, ['simpler']);
  const simpler = o.simpler ?? 'largest';
  if (simpler !== 'largest' && simpler !== 'smallest') throw new RangeError(`${where}: \`simpler\` must be 'largest' or 'smallest'; received ${describe(simpler)}`);
  if (!Array.isArray(candidates) || candidates.length === 0) throw new TypeError(`${where}: \`candidates\` must be a non-empty array; received ${describe(candidates)}`);
  candidates.forEach((c, i) => {
    for (const key of ['value', 'mean', 'standardError'] as const) {
      if (typeof c?.[key] !== 'number' || !Number.isFinite(c[key])) throw new TypeError(`${where}: \`candidates[${i}].${key}\` must be a finite number; received ${describe(c?.[key])}`);
    }
  });
  const best = candidates.reduce((b, c) => (c.mean < b.mean ? c : b));
  const threshold = best.mean + best.standardError;
  const eligible = candidates.filter((c) => c.mean <= threshold);
  const chosen = eligible.reduce((b, c) => ((simpler === 'largest' ? c.value > b.value : c.value < b.value) ? c : b));
  return { best, chosen, threshold };
}
