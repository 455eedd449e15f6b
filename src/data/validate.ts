// Argument checks shared by the data helpers. Each error names the argument and the value received.
import { describe } from '../config';

/** Checks that `X` is a non-empty rectangular matrix of finite numbers; returns its column count. */
export function assertMatrix(X: unknown, name = 'X'): number {
  if (!Array.isArray(X) || X.length === 0) {
    throw new TypeError(`\`${name}\` must be a non-empty array of rows (number[][]); received ${describe(X)}`);
  }
  const first = X[0];
  if (!Array.isArray(first) || first.length === 0) {
    throw new TypeError(`\`${name}\` must be an array of non-empty number[] rows; row 0 is ${describe(first)}`);
  }
  const d = first.length;
  X.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== d) {
      throw new TypeError(`\`${name}\` must be rectangular: row 0 has ${d} columns, row ${i} is ${describe(row)}`);
    }
    for (let j = 0; j < d; j++) {
      if (typeof row[j] !== 'number' || !Number.isFinite(row[j])) {
        throw new TypeError(`\`${name}[${i}][${j}]\` must be a finite number; received ${describe(row[j])}`);
      }
    }
  });
  return d;
}

/** Checks that `y` is an array of finite numbers of length `n`. */
export function assertVector(y: unknown, n: number, name = 'y'): void {
  if (!Array.isArray(y)) throw new TypeError(`\`${name}\` must be a number[]; received ${describe(y)}`);
  if (y.length !== n) throw new RangeError(`\`${name}\` must have one entry per row of X (${n}); received length ${y.length}`);
  y.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new TypeError(`\`${name}[${i}]\` must be a finite number; received ${describe(v)}`);
    }
  });
}

export function assertPositiveInteger(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new RangeError(`\`${name}\` must be a positive integer; received ${describe(value)}`);
  }
}

export function assertNonNegative(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`\`${name}\` must be a finite number ≥ 0; received ${describe(value)}`);
  }
}

export function assertSeed(value: unknown, name = 'seed'): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`\`${name}\` must be a finite number; received ${describe(value)}`);
  }
}

export function assertOptions(value: unknown, name = 'options'): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`\`${name}\` must be an object; received ${describe(value)}`);
  }
}
