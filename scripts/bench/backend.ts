/**
 * Backend for the benchmarks: the one `rl.backend.ready()` selects (wasm on this machine, with
 * reglab's kernels), or the same backend with tfjs-backend-wasm's stock kernels for A/B runs.
 */
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../src/backend';
import { registerWasmKernels, restoreWasmKernels } from '../../src/kernels';

/** Selects the backend; returns a label such as `wasm (tfjs-backend-wasm 4.22.0, simd, 1 thread, …)`. */
export async function selectBackend(kernels: 'reglab' | 'stock' = 'reglab'): Promise<string> {
  const info = await ready({ quiet: true });
  if (info.name === 'wasm') {
    if (kernels === 'stock') restoreWasmKernels();
    else registerWasmKernels();
  }
  await tf.ready();
  return info.name;
}

/** The detail string of the selected backend (versions, SIMD, threads). */
export async function backendDetail(): Promise<string> {
  const info = await ready({ quiet: true });
  return info.detail;
}
