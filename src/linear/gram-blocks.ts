// The 2×4 block pass of a Gram matrix AᵀA (upper triangle), split between this thread and one
// worker thread when the machine has a second core. A is first packed into row chunks that fit a
// core's L2 cache, each chunk's column groups interleaved so that the SIMD kernel reads them with
// constant offsets from one pointer; both threads run that kernel on the same shared wasm memory,
// each on its own row pairs, so the result is bitwise the same with or without the worker. Small
// products (or REGLAB_LINEAR_THREADS=1, or no shared memory) stay on one thread.
import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { F64Heap } from './f64-kernels';
import { env } from '../env';

/** Rows of the plain-JavaScript block pass: long enough to amortize a call, short enough to stay in cache. */
export const GRAM_CHUNK = 512;

/**
 * Bytes of one packed row chunk (chunk × cols values): the pairs of a task all read the chunk, so
 * it is sized to stay in a core's L2 cache (≥ 1 MiB on current x86 and ARM cores).
 */
const PANEL_BYTES = 2 ** 19;

/** Row-pair tasks per pass: enough for two threads to end together, few enough that each re-reads the matrix rarely. */
const TASKS = 24;

/** Multiply-adds below which a worker's hand-off costs more than it saves. */
const PARALLEL_MIN_WORK = 2e7;

/** Where the blocks of `cols` columns live: block (b, c) of row pair b starts at offset(b) + (c − (b & ~3))/4·8. */
export function blockOffset(cols: number, b: number): number {
  let blocks = 0;
  for (let r = 0; r < b; r += 2) blocks += (cols - (r & ~3)) / 4;
  return blocks * 8;
}

/**
 * Rows per packed chunk for `cols` columns: a multiple of 4, at most `len`, about PANEL_BYTES of
 * data. It depends on the shape only, so the summation order (and so every bit of the result)
 * is the same however many threads run.
 */
export function chunkRows(len: number, cols: number): number {
  const rows = Math.max(32, Math.floor(PANEL_BYTES / 8 / cols) & ~3);
  return Math.min(len, rows);
}

/** Row pairs per task: ⌈(cols/2)/TASKS⌉. */
export function pairsPerTask(cols: number): number {
  return Math.max(1, Math.ceil(cols / 2 / TASKS));
}

/** The panel pass's geometry: packed matrix at `panel` (elements), blocks accumulated at `scratch`. */
export interface PanelPass {
  panel: number;
  len: number;
  cols: number;
  scratch: number;
  chunk: number;
  pairs: number;
}

/**
 * Tasks t (row pairs [t·pairs, (t+1)·pairs) of the block pass) are taken from a shared counter
 * (ctl[0]) by whichever thread is free, largest first, so a worker that the OS schedules late (a
 * busy machine) costs no waiting: the calling thread takes the remaining tasks, and if the worker
 * never started it is cancelled (ctl[1]: 0 not started, 1 running, 2 done, 3 cancelled, 4 failed in
 * task ctl[2] − 1; ctl[3] counts the worker's tasks). A task walks the packed row chunks in order
 * and, per chunk, runs the panel kernel for each of its row pairs over every column group right of
 * it, so each output block gets the same kernel calls in the same order whoever computes it. The
 * worker gets this function's source text (`toString()`), so it must stay self-contained. Offsets
 * in elements; the kernel takes bytes.
 */
function work(
  panel: (a: number, b: number, bytes: number, out: number, count: number) => void,
  ctl: Int32Array, g: PanelPass, isWorker: boolean,
): void {
  if (isWorker && Atomics.compareExchange(ctl, 1, 0, 1) !== 0) return; // cancelled before it began
  const tasks = Math.ceil(g.cols / 2 / g.pairs);
  let t = Atomics.add(ctl, 0, 1);
  try {
    for (; t < tasks; t = Atomics.add(ctl, 0, 1)) {
      gramTask(panel, g, t);
      if (isWorker) {
        Atomics.add(ctl, 3, 1);
        Atomics.notify(ctl, 3);
      }
    }
  } catch (e) {
    if (!isWorker) throw e;
    Atomics.store(ctl, 2, t + 1);
    Atomics.store(ctl, 1, 4);
    Atomics.notify(ctl, 1);
    Atomics.notify(ctl, 3);
    return;
  }
  if (isWorker) {
    Atomics.store(ctl, 1, 2);
    Atomics.notify(ctl, 1);
  }
}

/**
 * Task t: row pairs b ∈ [2t·pairs, 2(t+1)·pairs) over every packed row chunk, in order. Sent to the
 * worker as source text with {@link work}: no closures inside (a bundler may wrap them in helpers
 * that the worker lacks).
 */
export function gramTask(panel: (a: number, b: number, bytes: number, out: number, count: number) => void, g: PanelPass, t: number): void {
  const b0 = 2 * t * g.pairs;
  const b1 = Math.min(g.cols, b0 + 2 * g.pairs);
  let start0 = 0; // blocks before row pair b0: Σ_{r<b0, r even} (cols − (r & ~3))/4
  for (let r = 0; r < b0; r += 2) start0 += (g.cols - (r & ~3)) / 4;
  for (let i0 = 0; i0 < g.len; i0 += g.chunk) {
    const rows = Math.min(g.chunk, g.len - i0);
    const base = g.panel + i0 * g.cols; // chunk i0: cols/4 groups of rows·4 values
    let start = start0;
    for (let b = b0; b < b1; b += 2) {
      const group = base + (b >> 2) * rows * 4;
      const count = (g.cols - (b & ~3)) / 4;
      panel(group * 8, (group + (b & 2) * 2) * 8, rows * 32, (g.scratch + start * 8) * 8, count);
      start += count;
    }
  }
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${work.toString()}
${gramTask.toString()}
let panel;
parentPort.on('message', (m) => {
  if (m.init) {
    panel = new WebAssembly.Instance(m.module, { env: { memory: m.memory } }).exports.panel;
    return;
  }
  work(panel, new Int32Array(m.ctl), m.g, true);
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
  /** The packing kernel: see `packBody` in f64-kernels.ts (byte addresses). */
  pack(src: number, ld: number, dst: number, bytes: number, count: number): void;
  /** The panel kernel: see `panelBody` in f64-kernels.ts (byte addresses). */
  panel(a: number, b: number, bytes: number, out: number, count: number): void;
}

/** Test hooks of {@link gramBlocks}. */
export interface GramPassOptions {
  /** Let the worker finish one task before this thread takes any (tests of the worker's code). Defaults to false. */
  waitForWorker?: boolean;
}

/** How the last threaded pass was shared: tasks in all, and how many the worker took (for benchmarks). */
export const lastPass = { tasks: 0, workerTasks: 0, threads: 1 };

/**
 * Accumulates every 2×4 block of AᵀA (A: `cols` columns of length `len`, both multiples of 4, at
 * heap offset `a`, column-major) into `scratch`, in the layout of {@link blockOffset}; on two
 * threads when it pays. `panel` is room for len·cols values: the packed copy of A (see
 * {@link packPanels}).
 */
export function gramBlocks(heap: F64Heap, a: number, len: number, cols: number, scratch: number, panel: number, o: GramPassOptions = {}): void {
  const shared = heap.shared;
  if (!shared) return jsPass(heap, a, len, cols, scratch);
  const g: PanelPass = { panel, len, cols, scratch, chunk: chunkRows(len, cols), pairs: pairsPerTask(cols) };
  packPanels(shared, a, len, cols, panel, g.chunk);
  const madds = (len * cols * cols) / 2;
  const h = madds >= PARALLEL_MIN_WORK && threadsWanted() ? getHelper() : null;
  // a fresh control block per call: a cancelled message still in the worker's queue sees its own
  const ctl = new Int32Array(new SharedArrayBuffer(16));
  const tasks = Math.ceil(cols / 2 / g.pairs);
  Object.assign(lastPass, { tasks, workerTasks: 0, threads: h ? 2 : 1 });
  if (!h) return work(shared.panel, ctl, g, false);
  if (h.memory !== shared.memory) {
    h.worker.postMessage({ init: true, module: shared.module, memory: shared.memory });
    h.memory = shared.memory;
  }
  h.worker.postMessage({ ctl: ctl.buffer, g });
  if (o.waitForWorker) Atomics.wait(ctl, 3, 0, 10_000);
  work(shared.panel, ctl, g, false);
  if (Atomics.compareExchange(ctl, 1, 0, 3) === 0) return; // the worker never started: all done here
  while (Atomics.load(ctl, 1) === 1) Atomics.wait(ctl, 1, 1);
  lastPass.workerTasks = Atomics.load(ctl, 3);
  if (Atomics.load(ctl, 1) === 4) {
    // the worker failed in one task: redo its row pairs here from zero
    const t = Atomics.load(ctl, 2) - 1;
    const b0 = 2 * t * g.pairs;
    heap.f64.fill(0, scratch + blockOffset(cols, b0), scratch + blockOffset(cols, Math.min(cols, b0 + 2 * g.pairs)));
    gramTask(shared.panel, g, t);
  }
}

/**
 * Packs A (column-major, leading dimension len) into row chunks of `chunk` rows, each chunk as
 * cols/4 groups of 4 columns interleaved in 2-row steps (the panel kernel's layout): element
 * (i, c) of chunk i0 lands at panel + i0·cols + (c >> 2)·rows·4 + ((i − i0) >> 1)·8 + (c & 3)·2 + (i & 1).
 */
export function packPanels(shared: SharedHeapParts, a: number, len: number, cols: number, panel: number, chunk: number): void {
  for (let i0 = 0; i0 < len; i0 += chunk) {
    const rows = Math.min(chunk, len - i0);
    shared.pack((a + i0) * 8, len * 8, (panel + i0 * cols) * 8, rows * 8, cols / 4);
  }
}

/** The same blocks in plain JavaScript (no WebAssembly SIMD): ⟨A_{b+r}, A_{c+k}⟩ over row chunks. */
function jsPass(heap: F64Heap, a: number, len: number, cols: number, scratch: number): void {
  const f = heap.f64;
  for (let i0 = 0; i0 < len; i0 += GRAM_CHUNK) {
    const i1 = Math.min(len, i0 + GRAM_CHUNK);
    let block = scratch;
    for (let b = 0; b < cols; b += 2) {
      for (let c = b & ~3; c < cols; c += 4) {
        for (let r = 0; r < 2; r++) {
          const br = a + (b + r) * len;
          for (let k = 0; k < 4; k++) {
            const ac = a + (c + k) * len;
            let s = 0;
            for (let i = i0; i < i1; i++) s += f[br + i] * f[ac + i];
            f[block + r * 4 + k] += s;
          }
        }
        block += 8;
      }
    }
  }
}
