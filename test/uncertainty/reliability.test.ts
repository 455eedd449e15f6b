import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

// Four 3-class predictions, by hand:
//   row 0: top 0.8 (class 0), label 0 → right   bin (0.7, 0.8]
//   row 1: top 0.5 (class 1), label 2 → wrong   bin (0.4, 0.5]
//   row 2: top 0.75 (class 2), label 2 → right  bin (0.7, 0.8]
//   row 3: top 0.7 (class 0), label 1 → wrong   bin (0.6, 0.7]  (0.7 sits on an upper edge)
const P = [[0.8, 0.1, 0.1], [0.2, 0.5, 0.3], [0.1, 0.15, 0.75], [0.7, 0.2, 0.1]];
const y = [0, 2, 2, 1];

test('reliability bins by top probability into equal-width (lower, upper] bins', () => {
  const r = rl.uncertainty.reliability(P, y, { bins: 10 });
  assert.equal(r.bins.length, 10);
  assert.equal(r.n, 4);
  assert.deepEqual(r.bins.map((b) => b.count), [0, 0, 0, 0, 1, 0, 1, 2, 0, 0]);
  close(r.bins[7].confidence, (0.8 + 0.75) / 2);
  close(r.bins[7].accuracy, 1);
  close(r.bins[6].confidence, 0.7);
  close(r.bins[6].accuracy, 0);
  close(r.bins[4].accuracy, 0);
  assert.ok(Number.isNaN(r.bins[0].confidence) && Number.isNaN(r.bins[0].accuracy));
  close(r.bins[3].lower, 0.3);
  close(r.bins[3].upper, 0.4);
  close(r.confidence, (0.8 + 0.5 + 0.75 + 0.7) / 4);
  close(r.accuracy, 0.5);
});

test('expectedCalibrationError = Σ n_b/n · |acc_b − conf_b|, by hand', () => {
  // bin (0.4,0.5]: ¼·|0 − 0.5|; bin (0.6,0.7]: ¼·|0 − 0.7|; bin (0.7,0.8]: ½·|1 − 0.775|
  const expected = 0.25 * 0.5 + 0.25 * 0.7 + 0.5 * 0.225;
  close(rl.uncertainty.expectedCalibrationError(P, y, { bins: 10 }), expected);
  // one bin: |mean accuracy − mean confidence| = |0.5 − 0.6875|
  close(rl.uncertainty.expectedCalibrationError(P, y, { bins: 1 }), 0.1875);
  // the doc example
  close(rl.uncertainty.expectedCalibrationError([[0.9, 0.1], [0.3, 0.7]], [0, 0], { bins: 5 }), 0.4);
});

test('a calibrated set of predictions has ECE 0; a sure and always-wrong one has ECE 1', () => {
  // confidence ½ and accuracy ½ in the single occupied bin
  close(rl.uncertainty.expectedCalibrationError([[0.5, 0.5], [0.5, 0.5]], [0, 1]), 0);
  close(rl.uncertainty.expectedCalibrationError([[1, 0], [0, 1]], [1, 0]), 1);
  // confidence 0 (an all-zero row) lands in the first bin instead of falling out
  assert.equal(rl.uncertainty.reliability([[0, 0]], [0], { bins: 4 }).bins[0].count, 1);
});

test('one-hot labels and tensors give the same result as index arrays', () => {
  const oneHot = y.map((k) => [0, 1, 2].map((j) => (j === k ? 1 : 0)));
  const base = rl.uncertainty.expectedCalibrationError(P, y);
  close(rl.uncertainty.expectedCalibrationError(P, oneHot), base);
  const pT = tf.tensor2d(P);
  const yT = tf.tensor1d(y, 'int32');
  const before = tf.memory().numTensors;
  close(rl.uncertainty.expectedCalibrationError(pT, yT), base, 1e-7);
  assert.equal(tf.memory().numTensors, before, 'no tensor is left behind');
  tf.dispose([pT, yT]);
});

test('bad input gets an error naming the argument and the value', () => {
  assert.throws(() => rl.uncertainty.reliability(P, y, { bins: 0 }), { name: 'RangeError', message: 'rl.uncertainty.reliability: `bins` must be an integer in [1, 10000]; received 0' });
  assert.throws(() => rl.uncertainty.reliability(P, [0, 1]), { name: 'RangeError', message: 'rl.uncertainty.reliability: `labels` must be an array with one entry per row of `probabilities` (4); received 2 entries' });
  assert.throws(() => rl.uncertainty.reliability([[1.2, 0]], [0]), { name: 'RangeError', message: 'rl.uncertainty.reliability: `probabilities[0][0]` must be a number in [0, 1]; received 1.2' });
  assert.throws(() => rl.uncertainty.reliability([], []), { name: 'RangeError', message: 'rl.uncertainty.reliability: `probabilities` must be a non-empty array of rows (number[][]); received []' });
  assert.throws(() => rl.uncertainty.expectedCalibrationError(P, [0, 1, 5, 0]), { name: 'RangeError', message: 'rl.uncertainty.expectedCalibrationError: `labels[2]` must be a class index in [0, 2] or a one-hot row; received 5' });
});
