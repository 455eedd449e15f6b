// src/env.ts: config owns every environment flag — one parser, read lazily, nothing at import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { env, parseFlag } from '../src/env';

const root = join(__dirname, '..');
const FLAGS = ['REGLAB_SMOKE', 'REGLAB_HEADLESS', 'REGLAB_STATIC_PLOTS', 'CI', 'REGLAB_WASM_KERNELS', 'REGLAB_BACKEND'];

/** Runs a snippet in a fresh Node process (tsx) with the flags cleared, then `vars` set; returns stdout. */
function run(code: string, vars: Record<string, string>): string {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !FLAGS.includes(k)));
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: root, env: { ...clean, ...vars }, encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('one flag parser: 1/true/yes/on and 0/false/no/off/empty, any case; anything else names the variable', () => {
  for (const v of ['1', 'true', 'YES', ' on ']) assert.equal(parseFlag('X', v), true, v);
  for (const v of ['', '0', 'False', 'no', 'OFF']) assert.equal(parseFlag('X', v), false, v);
  assert.equal(parseFlag('X', undefined), undefined);
  assert.throws(() => parseFlag('REGLAB_SMOKE', 'maybe'), {
    name: 'RangeError', message: "rl.config.env: `REGLAB_SMOKE` must be one of 1, true, yes, on, 0, false, no, off or empty; received 'maybe'",
  });
  assert.equal(parseFlag('CI', 'github', true), true, 'CI accepts any text as on');
});

test('REGLAB_SMOKE=no is false everywhere: smoke, headless plots, static images', () => {
  const code = `const rl = require('./src'); const d = require('./src/plot/display'); const s = require('./src/env');
    console.log(JSON.stringify([rl.config.smoke, d.headless(), s.env.staticPlots() ?? !rl.config.smoke]))`;
  assert.deepEqual(JSON.parse(run(code, { REGLAB_SMOKE: 'no' })), [false, false, true]);
  assert.deepEqual(JSON.parse(run(code, { REGLAB_SMOKE: 'yes' })), [true, true, false]);
});

test('rl.config.setSmoke() reaches plot: headless output and no static images', () => {
  const code = `const rl = require('./src'); const d = require('./src/plot/display');
    const before = [d.headless(), rl.plot.staticImagesAvailable()];
    rl.config.setSmoke(true);
    console.log(JSON.stringify([before[0], d.headless(), rl.plot.staticImagesAvailable()]))`;
  assert.deepEqual(JSON.parse(run(code, { REGLAB_SMOKE: '0', REGLAB_STATIC_PLOTS: '' })).slice(0, 3), [false, true, false]);
});

test('nothing starts at import, even inside a notebook kernel: the renderer starts on demand', () => {
  // A stand-in for tslab's display sender makes reglab believe it runs in a kernel.
  const code = `const wt = require('node:worker_threads'); let started = 0; const W = wt.Worker;
    wt.Worker = class extends W { constructor(...a) { started += 1; super(...a); this.terminate(); } };
    require.cache['/fake/tslab/dist/jupyter.js'] = { exports: { lastWriteDisplayData: () => {} } };
    const rl = require('./src'); const atImport = started;
    const available = rl.plot.staticImagesAvailable(); rl.plot.warmUp();
    console.log(JSON.stringify([atImport, available ? started : 1])); process.exit(0)`;
  assert.deepEqual(JSON.parse(run(code, { REGLAB_STATIC_PLOTS: '1' })), [0, 1]);
});

test('flags are read when used, not at import, and parsed again only when they change', () => {
  const saved = process.env.REGLAB_HEADLESS;
  try {
    process.env.REGLAB_HEADLESS = 'off';
    assert.equal(env.headless(), false);
    process.env.REGLAB_HEADLESS = 'on';
    assert.equal(env.headless(), true);
    process.env.REGLAB_BACKEND = 'gpu';
    assert.throws(() => env.backend(), { name: 'RangeError', message: "rl.config.env: REGLAB_BACKEND must be one of tensorflow, wasm, cpu; received 'gpu'" });
  } finally {
    if (saved === undefined) delete process.env.REGLAB_HEADLESS;
    else process.env.REGLAB_HEADLESS = saved;
    delete process.env.REGLAB_BACKEND;
  }
});

test('REGLAB_DATA_MIRROR is validated and normalized; REGLAB_DATA and REGLAB_RUNS are read through config', () => {
  const code = `const { env } = require('./src/env'); console.log(JSON.stringify([env.dataMirror(), env.dataDir(), env.runsDir()]))`;
  assert.deepEqual(JSON.parse(run(code, { REGLAB_DATA_MIRROR: 'http://host/data', REGLAB_DATA: '/d', REGLAB_RUNS: '/r' })), ['http://host/data/', '/d', '/r']);
});

test('REGLAB_WASM_THREADS: 1 when unset, an integer 1–8, anything else names the variable and the value', () => {
  const saved = process.env.REGLAB_WASM_THREADS;
  try {
    delete process.env.REGLAB_WASM_THREADS;
    assert.equal(env.wasmThreads(), 1);
    process.env.REGLAB_WASM_THREADS = ' 2 ';
    assert.equal(env.wasmThreads(), 2);
    for (const bad of ['0', '9', '1.5', 'two']) {
      process.env.REGLAB_WASM_THREADS = bad;
      assert.throws(() => env.wasmThreads(), {
        name: 'RangeError',
        message: `rl.config.env: \`REGLAB_WASM_THREADS\` must be an integer from 1 to 8; received '${bad}'`,
      });
    }
  } finally {
    if (saved === undefined) delete process.env.REGLAB_WASM_THREADS;
    else process.env.REGLAB_WASM_THREADS = saved;
  }
});
