/**
 * Picks and reports the TensorFlow.js backend.
 *
 * Order: `tensorflow` (native, when `@tensorflow/tfjs-node` is installed and loads) → `wasm`
 * (`@tensorflow/tfjs-backend-wasm`, several times faster than cpu) → `cpu`.
 * Env `REGLAB_BACKEND=tensorflow|wasm|cpu` forces one (an error if it cannot load).
 *
 * ```ts
 * import * as rl from 'reglab';
 * const info = await rl.backend.ready();   // prints: reglab backend: wasm (tfjs 4.22.0, …)
 * info.name;                               // 'tensorflow' | 'wasm' | 'cpu'
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmKernels } from './kernels';
import { registerThreadedWasm } from './wasm/threaded-backend';
import { checker } from './args';
import { env } from './env';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** The chain, fastest first. */
export const backendNames: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface BackendInfo {
  /** The tfjs backend in use. */
  name: BackendName;
  /** `tf.version.tfjs`. */
  tfjsVersion: string;
  /** Versions and options of the backend, e.g. `tfjs-backend-wasm 4.22.0, simd, 1 thread`. */
  detail: string;
}

export interface ReadyOptions {
  /**
   * Where to start in the chain tensorflow → wasm → cpu; later ones are fallbacks.
   * Defaults to `'tensorflow'` (the whole chain). Env REGLAB_BACKEND overrides it.
   */
  prefer?: BackendName;
  /** Do not print the one-line report. Defaults to false. */
  quiet?: boolean;
}

let last: BackendInfo | undefined;
/** Serializes concurrent ready() calls: a switch of backend must not interleave with another. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Selects the backend (once; later calls return the same result unless another is asked for),
 * prints `reglab backend: <name> (tfjs <version>, <detail>)` unless `quiet`, and returns it.
 *
 * ```ts
 * await rl.backend.ready();                   // best available
 * await rl.backend.ready({ prefer: 'cpu' });  // exact float32 reference runs
 * ```
 */
export function ready(options: ReadyOptions = {}): Promise<BackendInfo> {
  const run = queue.then(() => select(options));
  queue = run.catch(() => undefined);
  return run;
}

/** The last result of `ready()`, or undefined before the first call. */
export function info(): BackendInfo | undefined {
  return last;
}

async function select(options: ReadyOptions): Promise<BackendInfo> {
  const check = checker('rl.backend.ready');
  check.options<ReadyOptions>(options, ['prefer', 'quiet']);
  const forced = env.backend();
  const prefer = options.prefer === undefined ? undefined : check.oneOf('prefer', options.prefer, backendNames);
  check.boolean('quiet', options.quiet, false);
  const wanted = forced ?? prefer;
  if (last && (wanted === undefined || wanted === last.name) && tf.getBackend() === last.name) {
    report(last, options.quiet);
    return last;
  }
  const candidates = forced ? [forced] : backendNames.slice(backendNames.indexOf(prefer ?? 'tensorflow'));
  const failures: string[] = [];
  for (const name of candidates) {
    try {
      const detail = await activate(name);
      last = { name, tfjsVersion: tf.version.tfjs, detail };
      report(last, options.quiet);
      return last;
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
    }
  }
  const why = failures.join('; ');
  throw new Error(
    forced
      ? `REGLAB_BACKEND='${forced}' was requested but that backend could not be started (${why})`
      : `no TensorFlow.js backend could be started (${why})`,
  );
}

/** Loads and switches to one backend; returns its detail string, or throws why it cannot. */
async function activate(name: BackendName): Promise<string> {
  switch (name) {
    case 'tensorflow':
      return activateNative();
    case 'wasm':
      return activateWasm();
    case 'cpu':
      return activateCpu();
  }
}

async function activateNative(): Promise<string> {
  // An optional dependency: a variable module id keeps TypeScript and bundlers from requiring it.
  const id = '@tensorflow/tfjs-node';
  let version = '?';
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const node = require(id) as { version?: { 'tfjs-node'?: string } };
    version = node.version?.['tfjs-node'] ?? version;
  } catch (err) {
    throw new Error(`${id} is not installed or does not load (${firstLine(err)})`);
  }
  await switchTo('tensorflow');
  return `tfjs-node ${version}`;
}

async function activateWasm(): Promise<string> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const wanted = env.wasmThreads();
  // The threaded build replaces the registration only while no wasm backend has started.
  if (wanted > 1 && tf.engine().registry.wasm === undefined) await registerThreadedWasm(wanted);
  await switchTo('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = wasm.getThreadsCount();
  const kernels = registerWasmKernels();
  const replaced = kernels;
  const kernelNote = replaced.length > 0 ? `reglab kernels: ${replaced.join(', ')}` : 'reglab kernels: none';
  return `tfjs-backend-wasm ${wasm.version_wasm}, ${simd ? 'simd' : 'no simd'}, ` +
    `${threads} thread${threads === 1 ? '' : 's'}, ${kernelNote}`;
}

async function activateCpu(): Promise<string> {
  await switchTo('cpu');
  // The cpu backend prints a banner on first use in Node suggesting tfjs-node; our report line
  // already names the backend, so switch the banner off (a field of MathBackendCPU).
  const backend = tf.backend() as unknown as { firstUse?: boolean };
  if (typeof backend.firstUse === 'boolean') backend.firstUse = false;
  return `tfjs-backend-cpu ${tf.version['tfjs-backend-cpu'] ?? tf.version.tfjs}`;
}

async function switchTo(name: BackendName): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (err) {
    throw new Error(`tf.setBackend('${name}') failed (${firstLine(err)})`);
  }
  if (!ok) throw new Error(`tf.setBackend('${name}') returned false`);
  await tf.ready();
}

function report(info: BackendInfo, quiet: boolean | undefined): void {
  if (!quiet) console.log(`reglab backend: ${info.name} (tfjs ${info.tfjsVersion}, ${info.detail})`);
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}
