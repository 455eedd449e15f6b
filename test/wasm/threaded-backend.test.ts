// tfjs-backend-wasm's threaded build under Node (REGLAB_WASM_THREADS): it starts with the asked
// XNNPACK threads, and training gives the same weights bit for bit as one thread; reglab's SIMD
// Adam module also binds to the shared memory that build uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adamModuleBytes, adamSimdFor } from '../../src/kernels/adam-simd';

const root = join(__dirname, '..', '..');

interface Trained { detail: string; weights: number[][] }

function train(threads: number, out: string): Trained {
  const file = join(out, `weights-${threads}.json`);
  const env = { ...process.env, REGLAB_WASM_THREADS: String(threads), REGLAB_BACKEND: 'wasm' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'threaded-train.fixture.ts'), file],
    { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.signal, null, `threads ${threads}: the process did not end by itself within 120 s`);
  assert.equal(r.status, 0, `threads ${threads}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Trained;
}

test('two XNNPACK threads: the backend says so, and the trained weights equal one thread\'s bit for bit', { timeout: 600_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'reglab-threads-'));
  try {
    const one = train(1, out);
    const two = train(2, out);
    assert.match(one.detail, /simd, 1 thread,/);
    assert.match(two.detail, /simd, 2 threads,/);
    assert.match(two.detail, /ReglabAdamUpdate/);
    assert.equal(two.weights.length, one.weights.length);
    two.weights.forEach((w, i) => assert.deepEqual(w, one.weights[i], `weight ${i}`));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the SIMD Adam module imports a shared memory as shared, and a plain one as plain', () => {
  const shared = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
  const plain = new WebAssembly.Memory({ initial: 1 });
  assert.ok(WebAssembly.validate(adamModuleBytes(true) as BufferSource));
  assert.notEqual(adamSimdFor(shared), null, 'bound to the shared memory');
  assert.notEqual(adamSimdFor(plain), null, 'bound to the plain memory');
  // The module for one kind of memory does not link against the other kind.
  assert.throws(() => new WebAssembly.Instance(new WebAssembly.Module(adamModuleBytes(false) as BufferSource), { env: { memory: shared } }));
});
