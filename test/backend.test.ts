// rl.backend: tensorflow → wasm → cpu, REGLAB_BACKEND, the report line, idempotence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as backend from '../src/backend';

const root = join(__dirname, '..');
const wasmVersion: string = require('@tensorflow/tfjs-backend-wasm/package.json').version;
// Whether the native backend loads here (an installed tfjs-node without its binary does not).
const nativeInstalled = (() => {
  try {
    require('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

/** Runs `code` in a fresh Node process (tsx) with `env`; returns exit status, stdout, stderr. */
function run(code: string, env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: root, env: { ...process.env, REGLAB_BACKEND: undefined, ...env }, encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const readyAndSquare = `
  const tf = require('@tensorflow/tfjs');
  require('./src/backend').ready().then(() => tf.square(tf.tensor([3])).data())
    .then((v) => { if (v[0] !== 9) process.exit(3); });`;

test('without tfjs-node: wasm, one report line and nothing else on stdout or stderr', { skip: nativeInstalled && 'tfjs-node loads here' }, () => {
  const r = run(readyAndSquare);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', 'silent degradation: no warnings');
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, r.stdout);
  assert.match(lines[0], new RegExp(`^reglab backend: wasm \\(tfjs ${tf.version.tfjs}, tfjs-backend-wasm ${wasmVersion}, `));
});

test('REGLAB_BACKEND=cpu forces cpu, and the Node banner of the cpu backend is not printed', () => {
  const r = run(readyAndSquare, { REGLAB_BACKEND: 'cpu' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.doesNotMatch(r.stdout, /looks like you are running/);
  assert.match(r.stdout.trim(), /^reglab backend: cpu \(tfjs 4\.\d+\.\d+, tfjs-backend-cpu 4\.\d+\.\d+\)$/);
});

test('an unknown REGLAB_BACKEND is an error naming the variable and the value', () => {
  const r = run("require('./src/backend').ready().catch((e) => { console.log(e.message); process.exit(4); })",
    { REGLAB_BACKEND: 'gpu' });
  assert.equal(r.status, 4);
  assert.match(r.stdout, /REGLAB_BACKEND must be one of tensorflow, wasm, cpu; received 'gpu'/);
});

test('REGLAB_BACKEND=tensorflow without tfjs-node fails clearly instead of falling back', { skip: nativeInstalled && 'tfjs-node loads here' }, () => {
  const r = run("require('./src/backend').ready().catch((e) => { console.log(e.message); process.exit(4); })",
    { REGLAB_BACKEND: 'tensorflow' });
  assert.equal(r.status, 4);
  assert.match(r.stdout, /REGLAB_BACKEND='tensorflow' was requested .*@tensorflow\/tfjs-node is not installed/);
});

test('ready() returns BackendInfo, info() remembers it, repeated calls change nothing', async (t) => {
  const lines: string[] = [];
  t.mock.method(console, 'log', (line: string) => lines.push(line));
  assert.equal(backend.info(), nativeInstalled ? backend.info() : undefined);
  const first = await backend.ready();
  const expected = nativeInstalled ? 'tensorflow' : 'wasm';
  assert.equal(first.name, expected);
  assert.equal(first.tfjsVersion, tf.version.tfjs);
  assert.equal(tf.getBackend(), expected);
  const second = await backend.ready();
  assert.equal(second, first, 'same object: nothing re-initialized');
  assert.equal(backend.info(), first);
  assert.equal(lines.length, 2);
  assert.equal(lines[0], `reglab backend: ${first.name} (tfjs ${first.tfjsVersion}, ${first.detail})`);
  await backend.ready({ quiet: true });
  assert.equal(lines.length, 2, 'quiet prints nothing');
});

test('wasm detail names the registered reglab kernels', async () => {
  const info = await backend.ready({ prefer: 'wasm', quiet: true });
  assert.equal(info.name, 'wasm');
  assert.match(info.detail, /reglab kernels: /);
});

test('prefer: cpu switches to cpu; concurrent calls settle on one backend', async () => {
  const [a, b] = await Promise.all([backend.ready({ prefer: 'cpu', quiet: true }), backend.ready({ prefer: 'cpu', quiet: true })]);
  assert.equal(a.name, 'cpu');
  assert.equal(b, a);
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(backend.info(), a);
  tf.tidy(() => assert.deepEqual(Array.from(tf.square(tf.tensor([2])).dataSync()), [4]));
});

test('a bad `prefer` is named with the value received', async () => {
  await assert.rejects(backend.ready({ prefer: 'gpu' as 'cpu' }), { name: 'RangeError', message: "rl.backend.ready: `prefer` must be one of 'tensorflow', 'wasm', 'cpu' (did you mean 'cpu'?); received 'gpu'" });
});
