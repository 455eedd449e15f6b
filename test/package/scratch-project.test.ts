// A notebook cell copied into another project works after `npm install <reglab tarball>`.
//
// The tarball is made by `npm pack` from a staging copy of this repository's package (package.json,
// README, data/, src/, shims/) with dist/ freshly compiled from src/, so the test never depends on
// (or changes) the repository's own dist/. The scratch project installs it offline from npm's cache
// (falling back to --prefer-offline) and runs the snippet with plain node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installTarball, npmSkip, packStaged, show } from './staged-tarball';

const skip = npmSkip;

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, REGLAB_BACKEND: undefined }, timeout: 300_000 });
}

// The cell, as a reader would copy it from a notebook (top-level await wrapped for plain node).
const snippet = `
const tf = require('@tensorflow/tfjs');
const rl = require('reglab');
(async () => {
  await rl.backend.ready();
  rl.config.seed(42);
  const ds = await rl.data.load('breast-cancer');
  const { XTrain, XTest, yTrain, yTest } = rl.data.trainTestSplit(ds.X, ds.y, { testSize: 0.25, stratify: true });
  const scaler = rl.data.standardScaler().fit(XTrain);
  const train = rl.data.toTensors(scaler.transform(XTrain), yTrain);
  const test = rl.data.toTensors(scaler.transform(XTest), yTest);
  const model = tf.sequential({ layers: [
    tf.layers.dense({ units: 8, activation: 'relu', inputShape: [ds.X[0].length] }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(train.xs, train.ys, { epochs: 20, batchSize: 32, verbose: 0 });
  const [, accuracy] = model.evaluate(test.xs, test.ys);
  console.log('RESULT ' + JSON.stringify({ backend: rl.backend.info().name, accuracy: (await accuracy.data())[0], version: rl.version }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

test('npm pack → npm install in a scratch project → a copied notebook cell runs', { skip, timeout: 600_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'reglab-scratch-'));
  try {
    // 1. The staged package, packed. 2. A scratch project installs it offline from npm's cache.
    const tarball = packStaged(work, run);
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
    installTarball(project, tarball, run);

    // 3. The copied cell runs with plain node.
    writeFileSync(join(project, 'cell.js'), snippet);
    const cell = run(process.execPath, ['cell.js'], project);
    assert.equal(cell.status, 0, show(cell));
    assert.match(cell.stdout, /^reglab backend: (tensorflow|wasm|cpu) \(tfjs 4\.\d+\.\d+, /m);
    const result = JSON.parse(/^RESULT (.*)$/m.exec(cell.stdout)![1]);
    assert.ok(['tensorflow', 'wasm'].includes(result.backend), `backend ${result.backend}`);
    // A small MLP on standardized breast-cancer data: well above the 63% of always saying "benign".
    assert.ok(result.accuracy > 0.85, `test accuracy ${result.accuracy}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
