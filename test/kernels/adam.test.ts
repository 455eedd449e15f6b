import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { fusedAdamInstalled, registerWasmKernels, restoreWasmKernels } from '../../src/kernels';
import { seeded, useWasm } from './helpers';

before(useWasm);

const shapes = [[300, 40], [40], [7, 3, 5], []];

/** applyGradients is typed for Variables but takes any tensors (as model.fit passes them). */
function apply(opt: tf.Optimizer, grads: Record<string, tf.Tensor>): void {
  opt.applyGradients(grads as unknown as Parameters<tf.Optimizer['applyGradients']>[0]);
}

/** Runs `steps` Adam steps on fresh variables with the given gradient sequence; returns values + state. */
async function train(steps: number, withReglab: boolean, options: { lr?: number; beta1?: number; beta2?: number; eps?: number } = {}) {
  if (withReglab) registerWasmKernels();
  else restoreWasmKernels();
  assert.equal(fusedAdamInstalled(), withReglab);
  const vars = shapes.map((s, i) => tf.variable(seeded(s, i + 1), true, `adam-test-${withReglab}-${i}-${Math.random()}`));
  const opt = tf.train.adam(options.lr ?? 0.01, options.beta1 ?? 0.9, options.beta2 ?? 0.999, options.eps);
  for (let t = 0; t < steps; t++) {
    const grads: tf.NamedTensorMap = {};
    vars.forEach((v, i) => (grads[v.name] = tf.mul(seeded(shapes[i], 100 * t + i + 1), t % 3 === 2 ? 1e-3 : 1)));
    apply(opt, grads);
    tf.dispose(Object.values(grads));
  }
  const values = vars.map((v) => Array.from(v.dataSync()));
  const state = await opt.getWeights();
  const stateValues = state.map((w) => ({ name: w.name.replace(/adam-test-(true|false)-/, ''), values: Array.from(w.tensor.dataSync()) }));
  opt.dispose();
  tf.dispose(vars);
  return { values, stateValues, numTensors: tf.memory().numTensors };
}

/**
 * Values are O(1) and each step adds float32 rounding of O(1)-sized terms (≈6e-8), so the two
 * implementations may differ by a few 1e-7 in absolute terms even where cancellation makes a
 * moment tiny; a wrong formula differs by O(lr) or more.
 */
function assertAllClose(a: number[], b: number[], rtol: number, label: string, atol = 2e-6): void {
  assert.equal(a.length, b.length, label);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) <= rtol * Math.abs(b[i]) + atol, `${label}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

describe('fused Adam update (wasm) = tf.train.adam with stock kernels', () => {
  it('10 steps: variables, moments and iterations are bit-identical (same float32 ops, same order)', async () => {
    const stock = await train(10, false);
    const fused = await train(10, true);
    stock.values.forEach((v, i) => assert.deepEqual(fused.values[i], v, `var ${i}`));
    assert.equal(fused.stateValues.length, stock.stateValues.length);
    stock.stateValues.forEach((s, i) => {
      assert.equal(fused.stateValues[i].name.replace(/-0\.\d+/, ''), s.name.replace(/-0\.\d+/, ''));
      assert.deepEqual(fused.stateValues[i].values, s.values, s.name);
    });
  });

  it('other hyper-parameters (β₁ 0.5, β₂ 0.9, ε 1e-3, lr 0.1)', async () => {
    const options = { lr: 0.1, beta1: 0.5, beta2: 0.9, eps: 1e-3 };
    const stock = await train(5, false, options);
    const fused = await train(5, true, options);
    stock.values.forEach((v, i) => assertAllClose(fused.values[i], v, 2e-5, `var ${i}`));
  });

  it('first step by arithmetic: x₁ = x₀ − lr·g/(|g| + ε) (bias corrections cancel)', () => {
    registerWasmKernels();
    const x = tf.variable(tf.tensor1d([1, -2, 3]));
    const opt = tf.train.adam(0.1, 0.9, 0.999, 1e-8);
    apply(opt, { [x.name]: tf.tensor1d([0.5, -4, 0]) });
    const got = Array.from(x.dataSync());
    const expected = [1 - 0.1 * (0.5 / (0.5 + 1e-8)), -2 + 0.1 * (4 / (4 + 1e-8)), 3];
    got.forEach((g, i) => assert.ok(Math.abs(g - expected[i]) < 1e-6, `${g} vs ${expected[i]}`));
    opt.dispose();
    x.dispose();
  });

  it('no tensors leak per step', () => {
    registerWasmKernels();
    const x = tf.variable(seeded([50, 20], 1));
    const opt = tf.train.adam(0.01);
    const step = () => tf.tidy(() => apply(opt, { [x.name]: seeded([50, 20], 2) }));
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    assert.equal(tf.memory().numTensors, before);
    opt.dispose();
    x.dispose();
  });

  it('falls back to tfjs code on another backend', async () => {
    registerWasmKernels();
    await tf.setBackend('cpu');
    try {
      const x = tf.variable(tf.tensor1d([1, 2]));
      const opt = tf.train.adam(0.1);
      apply(opt, { [x.name]: tf.tensor1d([1, -1]) });
      const got = Array.from(x.dataSync());
      assert.ok(Math.abs(got[0] - 0.9) < 1e-5 && Math.abs(got[1] - 2.1) < 1e-5, String(got));
      opt.dispose();
      x.dispose();
    } finally {
      await tf.setBackend('wasm');
    }
  });
});
