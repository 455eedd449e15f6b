/**
 * Feature scalers fitted on training rows only (scikit-learn's StandardScaler and MinMaxScaler).
 *
 * ```ts
 * const scaler = rl.data.standardScaler().fit(XTrain);   // statistics of the training rows only
 * const XTrainS = scaler.transform(XTrain);
 * const XTestS = scaler.transform(XTest);                 // test rows use the training statistics
 * ```
 */
import { described, checker } from '../args';

/** What both scalers do. */
export interface Scaler {
  /** Learns the per-column parameters from `X` (the training rows); returns the scaler. */
  fit(X: number[][]): this;
  /** Applies the fitted parameters to any rows; never changes them. */
  transform(X: number[][]): number[][];
  /** `fit(X)` then `transform(X)`. */
  fitTransform(X: number[][]): number[][];
  /** Undoes `transform`. */
  inverseTransform(X: number[][]): number[][];
}

export interface StandardScalerOptions {
  /** Subtract the column mean. Defaults to true. */
  withMean?: boolean;
  /** Divide by the column standard deviation (population, ddof = 0). Defaults to true. */
  withStd?: boolean;
}

/** z = (x − mean) / std per column; a constant column keeps std = 1 (as scikit-learn). */
export class StandardScaler implements Scaler {
  /** Column means of the fitted rows (0 when withMean is false). */
  mean: number[] | undefined;
  /** Column standard deviations used as divisors (1 for constant columns or withStd false). */
  scale: number[] | undefined;
  private readonly withMean: boolean;
  private readonly withStd: boolean;

  constructor(options: StandardScalerOptions = {}) {
    const check = checker('rl.data.standardScaler');
    check.options(options, ['withMean', 'withStd']);
    this.withMean = check.boolean('withMean', options.withMean, true);
    this.withStd = check.boolean('withStd', options.withStd, true);
  }

  fit(X: number[][]): this {
    const d = checker('rl.data.standardScaler().fit').matrix('X', X);
    const n = X.length;
    // Work on x / c with c = max |x| per column, so that values near ±1e308 neither overflow
    // in the squares nor turn the scale into Infinity: std(x) = c · std(x / c).
    const c = new Array<number>(d).fill(0);
    for (const row of X) for (let j = 0; j < d; j++) c[j] = Math.max(c[j], Math.abs(row[j]));
    const unit = (v: number, j: number) => (c[j] > 0 ? v / c[j] : 0);
    const mean = new Array<number>(d).fill(0);
    for (const row of X) for (let j = 0; j < d; j++) mean[j] += unit(row[j], j) / n;
    const variance = new Array<number>(d).fill(0);
    for (const row of X) for (let j = 0; j < d; j++) variance[j] += (unit(row[j], j) - mean[j]) ** 2 / n;
    this.mean = this.withMean ? mean.map((m, j) => m * c[j]) : new Array<number>(d).fill(0);
    this.scale = variance.map((v, j) => (this.withStd && v > 0 ? Math.sqrt(v) * c[j] : 1));
    return this;
  }

  transform(X: number[][]): number[][] {
    const { mean, scale } = this.fitted('transform', X);
    return X.map((row) => row.map((v, j) => (v - mean[j]) / scale[j]));
  }

  fitTransform(X: number[][]): number[][] {
    return this.fit(X).transform(X);
  }

  inverseTransform(X: number[][]): number[][] {
    const { mean, scale } = this.fitted('inverseTransform', X);
    return X.map((row) => row.map((v, j) => v * scale[j] + mean[j]));
  }

  private fitted(method: string, X: number[][]): { mean: number[]; scale: number[] } {
    if (!this.mean || !this.scale) throw new Error(`rl.data.standardScaler: call fit(XTrain) before ${method}()`);
    checkWidth('rl.data.standardScaler', X, this.mean.length, method);
    return { mean: this.mean, scale: this.scale };
  }
}

export interface MinMaxScalerOptions {
  /** Target range [a, b] with a < b. Defaults to [0, 1]. */
  featureRange?: [number, number];
}

/** x' = a + (x − min)·(b − a)/(max − min) per column; a constant column keeps range 1. */
export class MinMaxScaler implements Scaler {
  /** Column minima of the fitted rows. */
  dataMin: number[] | undefined;
  /** Column maxima of the fitted rows. */
  dataMax: number[] | undefined;
  private readonly range: [number, number];

  constructor(options: MinMaxScalerOptions = {}) {
    const check = checker('rl.data.minMaxScaler');
    check.options(options, ['featureRange']);
    const range = options.featureRange === undefined ? [0, 1] : check.range('featureRange', options.featureRange);
    if (!(range[0] < range[1])) throw check.error('featureRange', 'a [low, high] pair with low < high', options.featureRange);
    this.range = [range[0], range[1]];
  }

  fit(X: number[][]): this {
    const d = checker('rl.data.minMaxScaler().fit').matrix('X', X);
    this.dataMin = new Array<number>(d).fill(Infinity);
    this.dataMax = new Array<number>(d).fill(-Infinity);
    for (const row of X) {
      for (let j = 0; j < d; j++) {
        this.dataMin[j] = Math.min(this.dataMin[j], row[j]);
        this.dataMax[j] = Math.max(this.dataMax[j], row[j]);
      }
    }
    return this;
  }

  transform(X: number[][]): number[][] {
    const { min, span } = this.fitted('transform', X);
    const [a, b] = this.range;
    return X.map((row) => row.map((v, j) => a + ((v - min[j]) * (b - a)) / span[j]));
  }

  fitTransform(X: number[][]): number[][] {
    return this.fit(X).transform(X);
  }

  inverseTransform(X: number[][]): number[][] {
    const { min, span } = this.fitted('inverseTransform', X);
    const [a, b] = this.range;
    return X.map((row) => row.map((v, j) => min[j] + ((v - a) * span[j]) / (b - a)));
  }

  private fitted(method: string, X: number[][]): { min: number[]; span: number[] } {
    if (!this.dataMin || !this.dataMax) throw new Error(`rl.data.minMaxScaler: call fit(XTrain) before ${method}()`);
    checkWidth('rl.data.minMaxScaler', X, this.dataMin.length, method);
    const max = this.dataMax;
    return { min: this.dataMin, span: this.dataMin.map((m, j) => (max[j] > m ? max[j] - m : 1)) };
  }
}

function checkWidth(owner: string, X: number[][], d: number, method: string): void {
  const check = checker(`${owner}().${method}`);
  const width = check.matrix('X', X);
  if (width !== d) throw check.error('X', `a matrix of ${d} columns, as fitted`, described(`${width} columns`));
}

/** A standard scaler (see StandardScaler). */
export function standardScaler(options: StandardScalerOptions = {}): StandardScaler {
  return new StandardScaler(options);
}

/** A min-max scaler (see MinMaxScaler). */
export function minMaxScaler(options: MinMaxScalerOptions = {}): MinMaxScaler {
  return new MinMaxScaler(options);
}
