/**
 * tfjs-backend-wasm's multithreaded build (SIMD + pthreads), started under Node.
 *
 * tfjs-backend-wasm 4.22 ships `tfjs-backend-wasm-threaded-simd.wasm` but never uses it under
 * Node, for three reasons this module works around without patching the package:
 * 1. `WASM_HAS_MULTITHREAD_SUPPORT` is false whenever `IS_NODE` (tfjs issue #3830);
 * 2. its loader hands Emscripten the pthread worker and the main script as `blob:` URLs, which
 *    Node's `worker_threads.Worker` refuses (ERR_WORKER_PATH) — here they are file paths: the
 *    package's own main script, and its worker script written once to the temp folder;
 * 3. XNNPACK's pool is capped at `os.cpus().length / 2` threads (tfjs assumes two hyperthreads a
 *    core), i.e. 1 on a 2-core machine — so `os.cpus` reports `2 × threads` while the module
 *    starts (a few milliseconds; restored right after).
 * The backend is registered under the name `wasm`, so every kernel tfjs and reglab register for
 * wasm runs on it. XNNPACK splits a product by output tiles and each output keeps its summation
 * order, so results do not depend on the thread count (tested bit for bit).
 *
 * ```ts
 * // REGLAB_WASM_THREADS=2 does this inside rl.backend.ready():
 * await registerThreadedWasm(2);
 * await tf.setBackend('wasm');
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';

const PACKAGE = '@tensorflow/tfjs-backend-wasm';
const MAIN_SCRIPT = 'tfjs-backend-wasm-threaded-simd.js';
const WORKER_SCRIPT = 'tfjs-backend-wasm-threaded-simd.worker.js';
/** tfjs-backend-wasm's own registration priority of `wasm`. */
const WASM_PRIORITY = 2;

/** The Emscripten module with the cwrapped entry points BackendWasm expects under `tfjs`. */
type EmscriptenModule = {
  cwrap(name: string, ret: string | null, args: string[]): (...a: number[]) => number;
  tfjs?: Record<string, (...a: number[]) => number>;
  PThread: { runningWorkers: { unref(): void }[] };
};

/** The folder of the package's Emscripten output (wasm-out/). */
function wasmOut(): string {
  return dirname(require.resolve(`${PACKAGE}/wasm-out/${MAIN_SCRIPT}`));
}

/**
 * The pthread worker script as a file. The package exports it as a string (for a Blob); it is
 * written once per content to the temp folder, atomically (write, then rename).
 */
function workerScriptFile(): string {
  const { wasmWorkerContents } = require(join(wasmOut(), WORKER_SCRIPT)) as { wasmWorkerContents: string };
  // As tfjs does before making its Blob: the template literal turned "\n" escapes into newlines.
  const script = wasmWorkerContents.replace(/\n/g, '\\n');
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 16);
  const file = join(os.tmpdir(), `reglab-tfjs-wasm-worker-${hash}.js`);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== script) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, script);
    renameSync(partial, file);
  }
  return file;
}

/** Runs `start` while `os.cpus()` reports `count` cores, then restores it. */
async function withReportedCores<T>(count: number, start: () => Promise<T>): Promise<T> {
  const real = os.cpus;
  const one = real()[0];
  os.cpus = () => Array.from({ length: count }, () => one);
  try {
    return await start();
  } finally {
    os.cpus = real;
  }
}

/** The threaded module, started with `threads` XNNPACK threads, wrapped as tfjs's init() does. */
async function startModule(threads: number): Promise<EmscriptenModule> {
  const out = wasmOut();
  const worker = workerScriptFile();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const factory = require(join(out, MAIN_SCRIPT)) as (config: object) => Promise<EmscriptenModule>;
  const config = {
    locateFile: (path: string) => (path.endsWith('.worker.js') ? worker : join(out, path)),
    mainScriptUrlOrBlob: join(out, MAIN_SCRIPT),
  };
  const module = await withReportedCores(2 * threads, () => factory(config));
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}

/**
 * Registers the multithreaded build as tfjs's `wasm` backend with `threads` XNNPACK threads
 * (the next `tf.setBackend('wasm')` starts it). Call before the wasm backend is first used.
 */
export async function registerThreadedWasm(threads: number): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (tf.engine().registryFactory.wasm !== undefined) tf.removeBackend('wasm');
  wasm.setThreadsCount(threads);
  tf.registerBackend('wasm', async () => {
    const module = await startModule(threads);
    const backend = new wasm.BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
    // XNNPACK's pool threads (started just now) wait for work forever: unreferenced, they let
    // the process exit when the rest of it is done, as with one thread.
    for (const worker of module.PThread.runningWorkers) worker.unref();
    return backend;
  }, WASM_PRIORITY);
}
