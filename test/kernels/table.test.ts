// The one kernel table: install and restore through one path, REGLAB_WASM_KERNELS=stock keeps
// every speed kernel stock, and the doc example of src/kernels/index.ts is what runs.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { activeWasmKernels, fusedAdamInstalled, registerWasmKernels, restoreWasmKernels, WASM_KERNELS } from '../../src/kernels';
import { useWasm } from './helpers';

before(useWasm);

const ALL = WASM_KERNELS.map((k) => k.name);

/** Whether the registered wasm kernel of that name is reglab's. */
const ours = (name: string) => tf.getKernel(name, 'wasm')?.kernelFunc === WASM_KERNELS.find((k) => k.name === name)?.kernelFunc;

function withEnv<T>(value: string | undefined, f: () => T): T {
  const saved = process.env.REGLAB_WASM_KERNELS;
  if (value === undefined) delete process.env.REGLAB_WASM_KERNELS;
  else process.env.REGLAB_WASM_KERNELS = value;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.REGLAB_WASM_KERNELS;
    else process.env.REGLAB_WASM_KERNELS = saved;
  }
}

describe('the wasm kernel table', () => {
  it('every entry has a kind, and names are unique', () => {
    assert.equal(new Set(ALL).size, ALL.length);
    for (const k of WASM_KERNELS) assert.ok(['speed', 'fix', 'add'].includes(k.kind), `${k.name}: ${k.kind}`);
    assert.equal(WASM_KERNELS.find((k) => k.name === 'Conv2DBackpropInput')?.kind, 'speed');
  });

  it('the doc example of registerWasmKernels in src/kernels/index.ts is what it returns', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'kernels', 'index.ts'), 'utf8');
    const example = /registerWasmKernels\(\); \/\/ → (\[[^\]]*\])/.exec(source);
    assert.ok(example, 'the example line is in the doc comment');
    const promised = JSON.parse(example[1].replace(/'/g, '"')) as string[];
    restoreWasmKernels();
    assert.deepEqual(withEnv(undefined, registerWasmKernels), promised);
    assert.deepEqual(restoreWasmKernels(), promised, 'restore returns the same names');
    registerWasmKernels();
  });

  it('after restoreWasmKernels() none of reglab\'s kernels stay registered, Adam included', () => {
    registerWasmKernels();
    restoreWasmKernels();
    assert.deepEqual(activeWasmKernels(), []);
    for (const name of ALL) assert.equal(ours(name), false, `${name} is still reglab's`);
    assert.equal(tf.getKernel('Conv2DBackpropFilter', 'wasm'), undefined, 'added kernels are removed');
    assert.equal(tf.getKernel('ReglabAdamUpdate', 'wasm'), undefined);
    assert.equal(fusedAdamInstalled(), false);
    registerWasmKernels();
  });

  it('REGLAB_WASM_KERNELS=stock leaves every speed kernel stock and keeps fixes and additions', () => {
    registerWasmKernels();
    const installed = withEnv('stock', registerWasmKernels);
    const speed = WASM_KERNELS.filter((k) => k.kind === 'speed').map((k) => k.name);
    assert.deepEqual(installed, WASM_KERNELS.filter((k) => k.kind !== 'speed').map((k) => k.name));
    for (const name of speed) assert.equal(ours(name), false, `${name} should be stock`);
    assert.equal(ours('Conv2DBackpropInput'), false);
    assert.equal(fusedAdamInstalled(), false);
    assert.ok(ours('MaxPoolGrad') && ours('_FusedMatMul') && ours('Conv2DBackpropFilter'));
    registerWasmKernels();
    assert.deepEqual(activeWasmKernels().sort(), [...ALL].sort());
  });

  it('an unknown REGLAB_WASM_KERNELS value is an error naming it', () => {
    assert.throws(() => withEnv('fast', registerWasmKernels), {
      name: 'RangeError',
      message: "rl.config.env: `REGLAB_WASM_KERNELS` must be 'stock' or 'reglab'; received 'fast'",
    });
  });
});
