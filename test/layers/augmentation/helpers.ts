// Test helpers for the augmentation layers: tiny images with known pixels and exact comparisons.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Backends to run the closed-form checks on: cpu always, wasm when it initializes. */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** An H×W×C image as nested arrays with pixel (i, j, c) = f(i, j, c). */
export function image(height: number, width: number, channels: number, f: (i: number, j: number, c: number) => number): number[][][] {
  return Array.from({ length: height }, (_, i) => Array.from({ length: width }, (_, j) => Array.from({ length: channels }, (_, c) => f(i, j, c))));
}

/** A batch tensor [1, H, W, C] from one nested image. */
export function batchOf(...images: number[][][][]): tf.Tensor4D {
  return tf.tensor4d(images);
}

/** Runs a layer in training mode on x and returns the result as nested arrays (disposing tensors). */
export function trainingOutput(layer: tf.layers.Layer, x: tf.Tensor): number[][][][] {
  const y = layer.apply(x, { training: true }) as tf.Tensor;
  const out = y.arraySync() as number[][][][];
  y.dispose();
  return out;
}

/** Asserts two nested arrays are equal within tol (exact when tol = 0). */
export function assertClose(actual: unknown, expected: unknown, tol = 0, path = ''): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array`);
    assert.equal(actual.length, expected.length, `${path}: length`);
    expected.forEach((e, k) => assertClose((actual as unknown[])[k], e, tol, `${path}[${k}]`));
    return;
  }
  const a = actual as number;
  const e = expected as number;
  assert.ok(Math.abs(a - e) <= tol, `${path}: ${a} ≠ ${e} (tol ${tol})`);
}
