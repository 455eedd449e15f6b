// Shared by the optimizer tests: the least-squares problem of the PyTorch fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';

export interface Snapshot { kernel: number[]; bias: number[] }
export interface Fixture<C> {
  torch: string; dtype: string; steps: number;
  X: number[][]; y: number[]; kernel0: number[]; bias0: number[];
  cases: (C & { at: Record<string, Snapshot> })[];
}

export function loadFixture<C>(name: string): Fixture<C> {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'reference', name), 'utf8')) as Fixture<C>;
}

let counter = 0;

/** Fresh variables w [d,1], b [1] with unique names, and the loss mean((Xw + b − y)²). */
export function leastSquares(fixture: Fixture<unknown>) {
  counter += 1;
  const X = tf.tensor2d(fixture.X);
  const y = tf.tensor2d(fixture.y, [fixture.y.length, 1]);
  // tidy disposes the initial-value tensors; variables survive it.
  const kernel = tf.tidy(() => tf.variable(tf.tensor2d(fixture.kernel0, [fixture.kernel0.length, 1]), true, `ls${counter}/kernel`));
  const bias = tf.tidy(() => tf.variable(tf.tensor1d(fixture.bias0), true, `ls${counter}/bias`));
  const loss = () => tf.tidy(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(X, kernel), bias), y))) as tf.Scalar);
  const dispose = () => tf.dispose([X, y, kernel, bias]);
  return { kernel, bias, loss, dispose };
}

/** Every entry within `tol` relative (of max(|expected|, 1e-3)). */
export function assertRelClose(actual: ArrayLike<number>, expected: number[], tol: number, label: string) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const rel = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-3);
    assert.ok(rel <= tol, `${label}[${i}]: ${actual[i]} vs ${expected[i]} (relative error ${rel.toExponential(2)} > ${tol})`);
  }
}

/** Largest relative error over kernel and bias. */
export function maxRelError(actual: { kernel: ArrayLike<number>; bias: ArrayLike<number> }, expected: Snapshot): number {
  let worst = 0;
  for (const key of ['kernel', 'bias'] as const) {
    expected[key].forEach((e, i) => {
      worst = Math.max(worst, Math.abs(actual[key][i] - e) / Math.max(Math.abs(e), 1e-3));
    });
  }
  return worst;
}

/** Runs `fixture.steps` steps of `optimizer` and compares kernel and bias at every recorded step. */
export function assertFollowsFixture(fixture: Fixture<unknown>, recorded: Record<string, Snapshot>, optimizer: tf.Optimizer) {
  const problem = leastSquares(fixture);
  for (let step = 1; step <= fixture.steps; step++) {
    optimizer.minimize(problem.loss);
    const expected = recorded[String(step)];
    if (expected) {
      assertRelClose(problem.kernel.dataSync(), expected.kernel, 1e-4, `step ${step} kernel`);
      assertRelClose(problem.bias.dataSync(), expected.bias, 1e-4, `step ${step} bias`);
    }
  }
  optimizer.dispose();
  problem.dispose();
}

/** `model.save` into memory, optimizer state included; the artifacts a file would hold. */
export async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }), { includeOptimizer: true });
  if (saved === undefined) throw new Error('model.save did not call the save handler');
  return saved;
}
