import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as rl from '../../src';

const tmp = () => mkdtempSync(join(tmpdir(), 'reglab-runs-'));

test('a real fit appends one record with per-epoch metrics, params, seed and backend', async () => {
  await rl.backend.ready({ prefer: 'cpu', quiet: true });
  rl.config.seed(7);
  const dir = tmp();
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const xs = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]);
  const ys = tf.tensor2d([[1], [2], [3], [0]]);
  const logger = rl.callbacks.runLogger({ experiment: 'exp', run: 'plain', params: { lr: 0.1 }, dir });
  const history = await model.fit(xs, ys, { epochs: 3, validationData: [xs, ys], callbacks: [logger], verbose: 0 });
  const lines = readFileSync(join(dir, 'exp.jsonl'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 1);
  const record = JSON.parse(lines[0]) as rl.callbacks.RunRecord;
  assert.equal(record.run, 'plain');
  assert.deepEqual(record.params, { lr: 0.1 });
  assert.equal(record.seed, 7);
  assert.equal(record.epochs, 3);
  assert.match(record.backend, /^cpu /);
  assert.deepEqual(record.history.loss, history.history.loss);
  assert.deepEqual(record.history.val_loss, history.history.val_loss);
  assert.ok(record.durationSec > 0);
  tf.dispose([xs, ys]);
  model.dispose();
  rl.config.unseed();
});

test("writeOn: 'manual' writes once with results; readRuns keeps the latest per run", () => {
  const dir = tmp();
  const a = rl.callbacks.runLogger({ experiment: 'e', run: 'a', dir, writeOn: 'manual' });
  a.write({ test: 0.5 });
  assert.throws(() => a.write(), /already written/);
  rl.callbacks.runLogger({ experiment: 'e', run: 'b', dir, writeOn: 'manual' }).write({ test: 0.7 });
  rl.callbacks.runLogger({ experiment: 'e', run: 'a', dir, writeOn: 'manual' }).write({ test: 0.9 });
  const latest = rl.callbacks.readRuns('e', { dir });
  assert.deepEqual(latest.map((r) => [r.run, r.results.test]), [['b', 0.7], ['a', 0.9]]);
  assert.equal(rl.callbacks.readRuns('e', { dir, latest: false }).length, 3);
});

test('bad input and corrupt files give clear errors', () => {
  const dir = tmp();
  assert.throws(() => rl.callbacks.runLogger({ run: '' }), /`run` must be a non-empty string; received ''/);
  assert.throws(() => rl.callbacks.runLogger({ run: 'x', experiment: '../etc' }), { name: 'RangeError', message: "rl.callbacks.runLogger: `experiment` must be a file name of letters, digits, '.', '_' or '-'; received '../etc'" });
  assert.throws(() => rl.callbacks.runLogger({ run: 'x', writeOn: 'later' as 'manual' }), /`writeOn`.*'later'/);
  assert.throws(() => rl.callbacks.readRuns('missing', { dir }), /no run records at .*missing\.jsonl/);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bad.jsonl'), '{"run":"a"}\nnot json\n{"run":"b"}\n');
  assert.throws(() => rl.callbacks.readRuns('bad', { dir }), /^Error: rl\.callbacks\.readRuns: .*bad\.jsonl line 2 is not valid JSON/);
});

test('the default folder is build/runs under the nearest package.json', () => {
  const root = tmp();
  writeFileSync(join(root, 'package.json'), '{}');
  mkdirSync(join(root, 'notebooks'));
  const saved = process.env.REGLAB_RUNS;
  delete process.env.REGLAB_RUNS;
  try {
    assert.equal(rl.callbacks.defaultRunsDir(join(root, 'notebooks')), join(root, 'build', 'runs'));
  } finally {
    if (saved !== undefined) process.env.REGLAB_RUNS = saved;
  }
});
