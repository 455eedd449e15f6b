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
import { described, checker, show } from '../args';

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
  pairedScores('rl.tuning.meanSquaredError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i] - yPred[i]) ** 2;
  return s / yTrue.length;
}

/** The share of rows where yPred equals yTrue (class labels). */
export function accuracy(yTrue: number[], yPred: number[]): number {
  pairedScores('rl.tuning.accuracy', yTrue, yPred);
  return yTrue.filter((v, i) => v === yPred[i]).length / yTrue.length;
}

/** Both arrays non-empty, of equal length, and of finite numbers. */
function pairedScores(where: string, yTrue: unknown, yPred: unknown): void {
  const check = checker(where);
  const a = check.finiteVector('yTrue', yTrue, 1);
  const b = check.finiteVector('yPred', yPred);
  if (a.length !== b.length) throw check.error('yPred', `an array of the length of \`yTrue\` (${a.length})`, yPred);
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
  const check = checker(WHERE);
  const o = check.options<CrossValidateOptions>(options, ['k', 'shuffle', 'seed', 'folds', 'score', 'trainScore']);
  check.func('fit', fit, 'a function (XTrain, yTrain) => model');
  if (!Array.isArray(X)) throw check.error('X', 'an array of at least 2 rows', X, 'type');
  if (X.length < 2) throw check.error('X', 'an array of at least 2 rows', X);
  if (!Array.isArray(y)) throw check.error('y', `an array with one value per row of X (${X.length})`, y, 'type');
  if (y.length !== X.length) throw check.error('y', `an array with one value per row of X (${X.length})`, y);
  const score = check.func<ScoreFunction>('score', o.score, 'a function (yTrue, yPred) => number', meanSquaredError);
  const trainScore = check.boolean('trainScore', o.trainScore, false);
  const folds = o.folds ?? kFold(X.length, {
    k: check.integer('k', o.k, 2, 5, X.length), shuffle: check.boolean('shuffle', o.shuffle, true), seed: check.seed('seed', o.seed, 0),
  });
  if (!Array.isArray(folds)) throw check.error('folds', 'an array of at least 2 folds { train, test }', folds, 'type');
  if (folds.length < 2) throw check.error('folds', 'an array of at least 2 folds { train, test }', folds);
  folds.forEach((fold, f) => checkFold(fold, f, X.length));
  const scores: number[] = [];
  const trainScores: number[] = [];
  for (const [f, fold] of folds.entries()) {
    const pick = <T>(rows: T[], idx: number[]): T[] => idx.map((i) => {
      return rows[i];
    });
    const [XTrain, yTrain, XHeld, yHeld] = [pick(X, fold.train), pick(y, fold.train), pick(X, fold.test), pick(y, fold.test)];
    const model = await fit(XTrain, yTrain);
    if (!model || typeof model.predict !== 'function') throw check.error('fit', `a function returning an object with predict(X) (fold ${f})`, model, 'type');
    scores.push(foldScore(score(yHeld, await model.predict(XHeld)), f, 'held-out'));
    if (trainScore) trainScores.push(foldScore(score(yTrain, await model.predict(XTrain)), f, 'training'));
  }
  const k = scores.length;
  const mean = scores.reduce((s, v) => s + v, 0) / k;
  const std = Math.sqrt(scores.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1));
  return { scores, ...(trainScore ? { trainScores } : {}), mean, std, standardError: std / Math.sqrt(k), folds };
}

/** Row indices in range, and no row both in train and test (the held-out score would be a lie). */
function checkFold(fold: unknown, f: number, n: number): void {
  const check = checker(WHERE);
  const { train, test } = check.object<Fold>(`folds[${f}]`, fold, 'an object { train, test } of row indices');
  for (const [part, rows] of [['train', train], ['test', test]] as const) {
    if (!Array.isArray(rows)) throw check.error(`folds[${f}].${part}`, 'an array of row indices', rows, 'type');
    if (rows.length === 0) throw check.error(`folds[${f}].${part}`, 'a non-empty array of row indices', rows);
    rows.forEach((i, j) => check.integer(`folds[${f}].${part}[${j}]`, i, 0, undefined, n - 1));
  }
  const inTrain = new Set(train);
  const shared = test.filter((i) => inTrain.has(i));
  if (shared.length > 0) {
    throw check.error(`folds[${f}]`, 'a fold whose train and test rows are disjoint', described(`${shared.length} shared rows (${show(shared)})`));
  }
}

/** A score must be a number and not NaN: a NaN would silently poison the mean. */
function foldScore(value: unknown, f: number, part: string): number {
  if (typeof value !== 'number') throw checker(WHERE).error('score', `a function returning a number (${part} fold ${f})`, value, 'type');
  if (Number.isNaN(value)) throw checker(WHERE).error('score', `a function returning a number, not NaN (${part} fold ${f})`, value);
  return value;
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
  const check = checker(where);
  const o = check.options<OneStandardErrorOptions>(options, ['simpler']);
  const simpler = check.oneOf('simpler', o.simpler, ['largest', 'smallest'] as const, 'largest');
  if (!Array.isArray(candidates)) throw check.error('candidates', 'a non-empty array', candidates, 'type');
  if (candidates.length === 0) throw check.error('candidates', 'a non-empty array', candidates);
  candidates.forEach((c, i) => {
    check.object(`candidates[${i}]`, c, 'an object { value, mean, standardError }');
    for (const key of ['value', 'mean', 'standardError'] as const) check.finite(`candidates[${i}].${key}`, c[key]);
  });
  const best = candidates.reduce((b, c) => (c.mean < b.mean ? c : b));
  const threshold = best.mean + best.standardError;
  const eligible = candidates.filter((c) => c.mean <= threshold);
  const chosen = eligible.reduce((b, c) => ((simpler === 'largest' ? c.value > b.value : c.value < b.value) ? c : b));
  return { best, chosen, threshold };
}
