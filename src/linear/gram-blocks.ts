// The 2×4 block pass of a Gram matrix AᵀA, split between this thread and one worker thread
// when the machine has a second core: both run the same SIMD kernel on the same shared wasm
// memory, each on its own rows of blocks, so the result is bitwise the same with or without the
// worker. Small products (or REGLAB_LINEAR_THREADS=1, or no shared memory) stay on one thread.
import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { F64Heap } from './f64-kernels';

/** Rows of the block pass: long enough to amortize a call, short enough to stay in cache. */
export const GRAM_CHUNK = 512;

/** Multiply-adds below which a worker's hand-off costs more than it saves. */
const PARALLEL_MIN_WORK = 2e7;

/** Where the blocks of `cols` columns live: block (b, c) of row pair b starts at offset(b) + (c − (b & ~3))/4·8. */
export function blockOffset(cols: number, b: number): number {
  let blocks = 0;
  for (let r = 0; r < b; r += 2) blocks += (cols - (r & ~3)) / 4;
  return blocks * 8;
}

/**
 * The block loop, run by both threads; the worker gets its source text (`pass.toString()`), so it
 * must stay self-contained (no closures, no helpers). Offsets in elements, the kernel takes bytes.
 */
function pass(
  gram: (a: number, b: number, stride: number, bytes: number, out: number) => void,
  a: number, len: number, cols: number, bFrom: number, bTo: number, chunk: number, blockStart: number,
): void {
  for (let i0 = 0; i0 < len; i0 += chunk) {
    const rows = Math.min(chunk, len - i0);
    let block = blockStart;
    for (let b = bFrom; b < bTo; b += 2) {
      for (let c = b & ~3; c < cols; c += 4) {
        gram((a + c * len + i0) * 8, (a + b * len + i0) * 8, len * 8, rows * 8, block * 8);
        block += 8;
      }
    }
  }
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${pass.toString()}
let gram;
parentPort.on('message', (m) => {
  if (m.init) {
    gram = new WebAssembly.Instance(m.module, { env: { memory: m.memory } }).exports.gram;
    return;
  }
  const flag = new Int32Array(m.flag);
  try {
    pass(gram, m.a, m.len, m.cols, m.bFrom, m.bTo, m.chunk, m.blockStart);
    Atomics.store(flag, 0, 1);
  } catch (e) {
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
});`;

interface Helper {
  worker: Worker;
  memory?: WebAssembly.Memory;
  flag: Int32Array;
}

let helper: Helper | null | undefined;

function threadsWanted(): boolean {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return cores >= 2 && process.env.REGLAB_LINEAR_THREADS !== '1';
}

function getHelper(): Helper | null {
  if (helper === undefined) {
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref(); // never keeps a script or a kernel alive
      worker.on('error', () => {
        helper = null;
      });
      helper = { worker, flag: new Int32Array(new SharedArrayBuffer(4)) };
    } catch {
      helper = null;
    }
  }
  return helper;
}

/** What the worker needs of a heap: its compiled module and shared memory (else no worker). */
export interface SharedHeapParts {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  gram(a: number, b: number, stride: number, bytes: number, out: number): void;
}

/**
 * Accumulates every 2×4 block of AᵀA (A: `cols` columns of length `len` at heap offset `a`) into
 * `scratch`, in the layout of {@link blockOffset}; on two threads when it pays.
 */
export function gramBlocks(heap: F64Heap, shared: SharedHeapParts | undefined, a: number, len: number, cols: number, scratch: number): void {
  const work = (len * cols * cols) / 2;
  const h = shared && work >= PARALLEL_MIN_WORK && threadsWanted() ? getHelper() : null;
  if (!shared || !h) {
    if (shared) pass(shared.gram, a, len, cols, 0, cols, GRAM_CHUNK, scratch);
    else jsPass(heap, a, len, cols, scratch);
    return;
  }
  if (h.memory !== shared.memory) {
    h.worker.postMessage({ init: true, module: shared.module, memory: shared.memory });
    h.memory = shared.memory;
  }
  // rows of blocks b < split hold about half the work: Σ_{b<s}(cols − b) = cols²/4
  const split = Math.min(cols, Math.max(2, Math.round((cols * (1 - Math.SQRT1_2)) / 2) * 2));
  Atomics.store(h.flag, 0, 0);
  h.worker.postMessage({ a, len, cols, bFrom: split, bTo: cols, chunk: GRAM_CHUNK, blockStart: scratch + blockOffset(cols, split), flag: h.flag.buffer });
  pass(shared.gram, a, len, cols, 0, split, GRAM_CHUNK, scratch);
  Atomics.wait(h.flag, 0, 0);
  if (Atomics.load(h.flag, 0) !== 1) {
    // the worker failed: redo its part here (accumulation restarted from zero for those blocks)
    const from = scratch + blockOffset(cols, split);
    heap.f64.fill(0, from, scratch + blockOffset(cols, cols));
    pass(shared.gram, a, len, cols, split, cols, GRAM_CHUNK, from);
  }
}

function jsPass(heap: F64Heap, a: number, len: number, cols: number, scratch: number): void {
  for (let i0 = 0; i0 < len; i0 += GRAM_CHUNK) {
    const rows = Math.min(GRAM_CHUNK, len - i0);
    let block = scratch;
    for (let b = 0; b < cols; b += 2) {
      for (let c = b & ~3; c < cols; c += 4) {
        heap.gram2x4(a + c * len + i0, a + b * len + i0, len, rows, block);
        block += 8;
      }
    }
  }
}
