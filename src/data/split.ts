/**
 * Seeded train/test splits and k-fold indices (scikit-learn's semantics).
 *
 * ```ts
 * const { XTrain, XTest, yTrain, yTest } = rl.data.trainTestSplit(X, y, { testSize: 0.2, stratify: true });
 * for (const { train, test } of rl.data.kFold(X.length, { k: 5 })) { … }
 * ```
 */
import { described, checker, show, type Checker } from '../args';
import { prng } from '../config';

export interface TrainTestSplitOptions {
  /** Fraction of the rows in (0, 1), or a row count ≥ 1, for the test part. Defaults to 0.25. */
  testSize?: number;
  /** Seed of the shuffle (independent of `rl.config.seed`). Defaults to 0. */
  seed?: number;
  /** Keep each class's share of `y` in both parts (classification). Defaults to false. */
  stratify?: boolean;
  /** Shuffle before splitting; false takes the last rows as the test part. Defaults to true. */
  shuffle?: boolean;
}

export interface TrainTestSplit {
  XTrain: number[][];
  XTest: number[][];
  yTrain: number[];
  yTest: number[];
  /** Row indices of the training part, in the order of XTrain. */
  trainIndex: number[];
  /** Row indices of the test part, in the order of XTest. */
  testIndex: number[];
}

/**
 * Splits rows into a training and a test part. The test part has ceil(testSize·n) rows when
 * testSize is a fraction (as scikit-learn). Rows are copied, so the parts share no arrays.
 *
 * ```ts
 * const s = rl.data.trainTestSplit([[0], [1], [2], [3]], [0, 0, 1, 1], { testSize: 0.5, seed: 1 });
 * s.XTest.length;   // 2
 * ```
 */
export function trainTestSplit(X: number[][], y: number[], options: TrainTestSplitOptions = {}): TrainTestSplit {
  const check = checker('rl.data.trainTestSplit');
  check.options(options, ['testSize', 'seed', 'stratify', 'shuffle']);
  check.matrix('X', X);
  check.vector('y', y, X.length);
  const seed = check.seed('seed', options.seed, 0);
  const stratify = check.boolean('stratify', options.stratify, false);
  const shuffle = check.boolean('shuffle', options.shuffle, true);
  const n = X.length;
  const testSize = options.testSize ?? 0.25;
  const nTest = testCount(check, testSize, n);
  let trainIndex: number[];
  let testIndex: number[];
  if (stratify) {
    if (!shuffle) throw check.error('shuffle', 'true when `stratify` is true (as in scikit-learn)', shuffle);
    checkClasses(check, y, nTest);
    ({ trainIndex, testIndex } = stratifiedIndices(y, nTest, seed));
  } else {
    const order = shuffle ? prng(seed).shuffle(range(n)) : range(n);
    testIndex = order.slice(n - nTest);
    trainIndex = order.slice(0, n - nTest);
  }
  return {
    XTrain: trainIndex.map((i) => X[i].slice()),
    XTest: testIndex.map((i) => X[i].slice()),
    yTrain: trainIndex.map((i) => y[i]),
    yTest: testIndex.map((i) => y[i]),
    trainIndex,
    testIndex,
  };
}

function testCount(check: Checker, testSize: unknown, n: number): number {
  const must = `a fraction in (0, 1) or a row count in [1, ${n - 1}]`;
  if (typeof testSize !== 'number') throw check.error('testSize', must, testSize, 'type');
  const isFraction = testSize > 0 && testSize < 1;
  const isCount = Number.isInteger(testSize) && testSize >= 1 && testSize < n;
  if (!isFraction && !isCount) throw check.error('testSize', must, testSize);
  const nTest = isFraction ? Math.ceil(testSize * n) : testSize;
  if (nTest >= n) throw check.error('testSize', `a size that leaves training rows out of ${n}`, testSize);
  return nTest;
}

/**
 * Stratifying needs class labels: integers (continuous targets would make every row its own
 * class), each class with at least 2 members (scikit-learn's rule), and no more classes than
 * test rows can represent.
 */
function checkClasses(check: Checker, y: number[], nTest: number): void {
  const counts = new Map<number, number>();
  y.forEach((label, i) => {
    if (!Number.isInteger(label)) throw check.error(`y[${i}]`, 'an integer class label when `stratify` is true', label);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  });
  for (const [label, count] of counts) {
    if (count < 2) {
      throw check.error('y', `labels with at least 2 rows per class when \`stratify\` is true; class ${show(label)} has ${count}`, described(`${counts.size} classes`));
    }
  }
  if (counts.size > nTest || counts.size > y.length - nTest) {
    throw check.error('testSize', `a size giving each of the ${counts.size} classes a row in both parts`, nTest);
  }
}

/** Per class, a share of the test rows proportional to its size (largest remainders), then shuffled. */
function stratifiedIndices(y: number[], nTest: number, seed: number): { trainIndex: number[]; testIndex: number[] } {
  const g = prng(seed);
  const byClass = new Map<number, number[]>();
  y.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const exact = classes.map((c) => (byClass.get(c)!.length * nTest) / y.length);
  const counts = exact.map(Math.floor);
  const byRemainder = classes.map((_, k) => k).sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (let r = 0; counts.reduce((s, c) => s + c, 0) < nTest; r++) counts[byRemainder[r % classes.length]]++;
  const trainIndex: number[] = [];
  const testIndex: number[] = [];
  classes.forEach((c, k) => {
    const members = g.shuffle(byClass.get(c)!);
    testIndex.push(...members.slice(0, counts[k]));
    trainIndex.push(...members.slice(counts[k]));
  });
  return { trainIndex: g.shuffle(trainIndex), testIndex: g.shuffle(testIndex) };
}

export interface KFoldOptions {
  /** Number of folds, 2 ≤ k ≤ n. Defaults to 5. */
  k?: number;
  /** Shuffle the rows before cutting folds. Defaults to true. */
  shuffle?: boolean;
  /** Seed of the shuffle. Defaults to 0. */
  seed?: number;
}

export interface Fold {
  /** Training row indices, ascending. */
  train: number[];
  /** Held-out row indices, ascending. */
  test: number[];
}

/**
 * k folds over n rows: every row is held out exactly once; the first n mod k folds have one row
 * more (scikit-learn's KFold).
 *
 * ```ts
 * rl.data.kFold(5, { k: 2, shuffle: false });
 * // [{ train: [3, 4], test: [0, 1, 2] }, { train: [0, 1, 2], test: [3, 4] }]
 * ```
 */
export function kFold(n: number, options: KFoldOptions = {}): Fold[] {
  const check = checker('rl.data.kFold');
  check.options(options, ['k', 'shuffle', 'seed']);
  check.integer('n', n, 2, undefined, 10_000_000);
  const k = check.integer('k', options.k, 2, 5, n);
  const shuffle = check.boolean('shuffle', options.shuffle, true);
  const seed = check.seed('seed', options.seed, 0);
  const order = shuffle ? prng(seed).shuffle(range(n)) : range(n);
  const folds: Fold[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const held = new Set(order.slice(start, start + size));
    folds.push({
      train: range(n).filter((i) => !held.has(i)),
      test: [...held].sort((a, b) => a - b),
    });
    start += size;
  }
  return folds;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
