// The 2×4 block pass of a Gram matrix AᵀA, split between this thread and one worker thread
// when the machine has a second core: both run the same SIMD kernel on the same shared wasm
// memory, each on its own rows of blocks, so the result is bitwise the same with or without the
// worker. Small products (or REGLAB_LINEAR_THREADS=1, or no shared memory) stay on one thread.
import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { F64Heap } from './f64-kernels';
import { env } from '../env';

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
 * Row pairs b = 2t of the block pass are tasks taken from a shared counter (ctl[0]) by whichever
 * thread is free, largest first, so a worker that the OS schedules late (a busy machine) costs no
 * waiting: the calling thread takes the remaining tasks, and if the worker never started it is
 * cancelled (ctl[1]: 0 not started, 1 running, 2 done, 3 cancelled, 4 failed in task ctl[2] − 1).
 * Each task is computed by one thread with the same kernel calls in the same order, so the result
 * does not depend on who took it. The worker gets this function's source text (`toString()`), so
 * it must stay self-contained. Offsets in elements; the kernel takes bytes.
 */
function work(
  gram: (a: number, b: number, stride: number, bytes: number, out: number) => void,
  ctl: Int32Array, a: number, len: number, cols: number, scratch: number, chunk: number, isWorker: boolean,
): void {
  if (isWorker && Atomics.compareExchange(ctl, 1, 0, 1) !== 0) return; // cancelled before it began
  const tasks = cols / 2;
  let t = Atomics.add(ctl, 0, 1);
  try {
    for (; t < tasks; t = Atomics.add(ctl, 0, 1)) {
      const b = 2 * t;
      let start = 0; // blocks before row pair b: Σ_{r<b, r even} (cols − (r & ~3))/4
      for (let r = 0; r < b; r += 2) start += (cols - (r & ~3)) / 4;
      for (let i0 = 0; i0 < len; i0 += chunk) {
        const rows = Math.min(chunk, len - i0);
        let block = scratch + start * 8;
        for (let c = b & ~3; c < cols; c += 4) {
          gram((a + c * len + i0) * 8, (a + b * len + i0) * 8, len * 8, rows * 8, block * 8);
          block += 8;
        }
      }
    }
  } catch (e) {
    if (!isWorker) throw e;
    Atomics.store(ctl, 2, t + 1);
    Atomics.store(ctl, 1, 4);
    Atomics.notify(ctl, 1);
    return;
  }
  if (isWorker) {
    Atomics.store(ctl, 1, 2);
    Atomics.notify(ctl, 1);
  }
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${work.toString()}
let gram;
parentPort.on('message', (m) => {
  if (m.init) {
    gram = new WebAssembly.Instance(m.module, { env: { memory: m.memory } }).exports.gram;
    return;
  }
  work(gram, new Int32Array(m.ctl), m.a, m.len, m.cols, m.scratch, m.chunk, true);
});`;

interface Helper {
  worker: Worker;
  memory?: WebAssembly.Memory;
}

let helper: Helper | null | undefined;

function threadsWanted(): boolean {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return cores >= 2 && (env.linearThreads() ?? cores) > 1;
}

function getHelper(): Helper | null {
  if (helper === undefined) {
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref(); // never keeps a script or a kernel alive
      worker.on('error', () => {
        helper = null;
      });
      helper = { worker };
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
  const madds = (len * cols * cols) / 2;
  const h = shared && madds >= PARALLEL_MIN_WORK && threadsWanted() ? getHelper() : null;
  if (!shared) return jsPass(heap, a, len, cols, scratch);
  // a fresh control block per call: a cancelled message still in the worker's queue sees its own
  const ctl = new Int32Array(new SharedArrayBuffer(12));
  if (!h) return work(shared.gram, ctl, a, len, cols, scratch, GRAM_CHUNK, false);
  if (h.memory !== shared.memory) {
    h.worker.postMessage({ init: true, module: shared.module, memory: shared.memory });
    h.memory = shared.memory;
  }
  h.worker.postMessage({ ctl: ctl.buffer, a, len, cols, scratch, chunk: GRAM_CHUNK });
  work(shared.gram, ctl, a, len, cols, scratch, GRAM_CHUNK, false);
  if (Atomics.compareExchange(ctl, 1, 0, 3) === 0) return; // the worker never started: all done here
  while (Atomics.load(ctl, 1) === 1) Atomics.wait(ctl, 1, 1);
  if (Atomics.load(ctl, 1) === 4) {
    // the worker failed in one task: redo that row pair here from zero
    const b = 2 * (Atomics.load(ctl, 2) - 1);
    heap.f64.fill(0, scratch + blockOffset(cols, b), scratch + blockOffset(cols, b + 2));
    workOne(shared.gram, a, len, cols, scratch, b);
  }
}

/** One row pair b of the block pass on this thread (recovery after a worker failure). */
function workOne(
  gram: (a: number, b: number, stride: number, bytes: number, out: number) => void,
  a: number, len: number, cols: number, scratch: number, b: number,
): void {
  const start = blockOffset(cols, b);
  for (let i0 = 0; i0 < len; i0 += GRAM_CHUNK) {
    const rows = Math.min(GRAM_CHUNK, len - i0);
    let block = scratch + start;
    for (let c = b & ~3; c < cols; c += 4) {
      gram((a + c * len + i0) * 8, (a + b * len + i0) * 8, len * 8, rows * 8, block * 8);
      block += 8;
    }
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
