/**
 * Feature scalers fitted on training rows only (scikit-learn's StandardScaler and MinMaxScaler).
 *
 * ```ts
 * const scaler = rl.data.standardScaler().fit(XTrain);   // statistics of the training rows only
 * const XTrainS = scaler.transform(XTrain);
 * const XTestS = scaler.transform(XTest);                 // test rows use the training statistics
 * ```
 */
import { describe } from '../config';
import { assertMatrix } from './validate';

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
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  fit(X: number[][]): this {
    const d = assertMatrix(X);
    const n = X.length;
    const mean = new Array<number>(d).fill(0);
    for (const row of X) for (let j = 0; j < d; j++) mean[j] += row[j] / n;
    const variance = new Array<number>(d).fill(0);
    for (const row of X) for (let j = 0; j < d; j++) variance[j] += (row[j] - mean[j]) ** 2 / n;
    this.mean = this.withMean ? mean : new Array<number>(d).fill(0);
    this.scale = variance.map((v) => (this.withStd && v > 0 ? Math.sqrt(v) : 1));
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
    if (!this.mean || !this.scale) throw new Error(`standardScaler: call fit(XTrain) before ${method}()`);
    checkWidth(X, this.mean.length, method);
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
    const range = options.featureRange ?? [0, 1];
    if (!Array.isArray(range) || range.length !== 2 || !(range[0] < range[1]) || !range.every(Number.isFinite)) {
      throw new RangeError(`\`featureRange\` must be [a, b] with finite a < b; received ${describe(range)}`);
    }
    this.range = [range[0], range[1]];
  }

  fit(X: number[][]): this {
    const d = assertMatrix(X);
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
    if (!this.dataMin || !this.dataMax) throw new Error(`minMaxScaler: call fit(XTrain) before ${method}()`);
    checkWidth(X, this.dataMin.length, method);
    const max = this.dataMax;
    return { min: this.dataMin, span: this.dataMin.map((m, j) => (max[j] > m ? max[j] - m : 1)) };
  }
}

function checkWidth(X: number[][], d: number, method: string): void {
  const width = assertMatrix(X);
  if (width !== d) throw new RangeError(`\`X\` passed to ${method}() has ${width} columns; the scaler was fitted on ${d}`);
}

/** A standard scaler (see StandardScaler). */
export function standardScaler(options: StandardScalerOptions = {}): StandardScaler {
  return new StandardScaler(options);
}

/** A min-max scaler (see MinMaxScaler). */
export function minMaxScaler(options: MinMaxScalerOptions = {}): MinMaxScaler {
  return new MinMaxScaler(options);
}
