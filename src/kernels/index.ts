/**
 * Faster and corrected kernels for `@tensorflow/tfjs-backend-wasm` (issue 6), in one table.
 *
 * `rl.backend.ready()` calls {@link registerWasmKernels} after it selects wasm, so every model
 * trained through reglab gets them. Each replacement keeps the stock kernel to call for the
 * cases it does not handle, and agrees with it to float32 rounding where stock is right (tests
 * in test/kernels).
 *
 * | kernel               | kind  | stock wasm 4.22 behaviour                  | reglab                              |
 * |----------------------|-------|--------------------------------------------|-------------------------------------|
 * | BatchMatMul          | speed | naive loop unless no transpose and batch 1 | materialize transposes → XNNPACK    |
 * | _FusedMatMul         | fix   | same, and adds a batched bias wrongly      | XNNPACK, bias/activation kept fused |
 * | GatherV2             | speed | element-wise strided copy                  | one TypedArray.set per slice        |
 * | Identity             | speed | copies the buffer (≈15× per training step) | shares it (reference count)         |
 * | Cast                 | speed | copies even to the same dtype              | same dtype: shares it; else stock   |
 * | ReglabAdamUpdate     | speed | Adam: 13 element-wise kernels per variable | one pass; tf.AdamOptimizer routed   |
 * | Conv2DBackpropInput  | speed | plain loop                                 | via XNNPACK Conv2D, ≈5×             |
 * | MaxPoolGrad          | fix   | wrong where a window's max is ≤ 0          | the definition                      |
 * | Conv2DBackpropFilter | add   | missing                                    | im2col on XNNPACK                   |
 *
 * 'speed' kernels are skipped when env REGLAB_WASM_KERNELS=stock (A/B runs, bug hunts); 'fix'
 * and 'add' ones are always installed. {@link restoreWasmKernels} removes every one of them.
 *
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import '@tensorflow/tfjs-backend-wasm';
 * await tf.setBackend('wasm');
 * registerWasmKernels(); // → ['BatchMatMul', '_FusedMatMul', 'GatherV2', 'Identity', 'Cast', 'ReglabAdamUpdate', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Conv2DBackpropFilter']
 * restoreWasmKernels();  // the same names; tfjs-backend-wasm is stock again
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { env } from '../env';
import { adamKernel } from './adam';
import { conv2DBackpropFilterKernel } from './conv2d-backprop-filter';
import { conv2DBackpropInputKernel } from './conv2d-backprop-input';
import { maxPoolGradKernel } from './max-pool-grad';
import { gatherV2 } from './gather';
import { cast, identity } from './identity';
import { batchMatMul, fusedMatMul } from './mat-mul';
import { activeKernelNames, installKernel, restoreKernel, type KernelEntry } from './registry';

export { MIN_MACS_FOR_FAST_PATH } from './mat-mul';
export { fusedAdamInstalled } from './adam';
export type { KernelEntry, KernelKind } from './registry';

/** Every reglab kernel for wasm, in install order. */
export const WASM_KERNELS: readonly KernelEntry[] = [
  { name: 'BatchMatMul', kind: 'speed', kernelFunc: batchMatMul as tf.KernelFunc },
  // Besides speed it fixes stock's batched bias (mat-mul.ts), so it stays in stock mode too.
  { name: '_FusedMatMul', kind: 'fix', kernelFunc: fusedMatMul as tf.KernelFunc },
  { name: 'GatherV2', kind: 'speed', kernelFunc: gatherV2 as tf.KernelFunc },
  { name: 'Identity', kind: 'speed', kernelFunc: identity as tf.KernelFunc },
  { name: 'Cast', kind: 'speed', kernelFunc: cast as tf.KernelFunc },
  adamKernel,
  conv2DBackpropInputKernel,
  maxPoolGradKernel,
  conv2DBackpropFilterKernel,
];

/**
 * Installs reglab's wasm kernels (idempotent): all of them, or only the 'fix' and 'add' ones
 * when env REGLAB_WASM_KERNELS=stock. Call after `import '@tensorflow/tfjs-backend-wasm'`.
 * @returns the names installed (empty when the wasm backend is not registered).
 */
export function registerWasmKernels(): string[] {
  const stock = env.wasmKernels() === 'stock';
  const installed: string[] = [];
  for (const entry of WASM_KERNELS) {
    if (stock && entry.kind === 'speed') {
      restoreKernel(entry);
      continue;
    }
    if (installKernel(entry)) installed.push(entry.name);
  }
  return installed;
}

/**
 * Puts tfjs-backend-wasm back as it was: stock kernels re-registered, added ones removed, Adam
 * unpatched (A/B benchmarks and tests). @returns the names it restored.
 */
export function restoreWasmKernels(): string[] {
  return WASM_KERNELS.filter((entry) => restoreKernel(entry)).map((entry) => entry.name);
}

/** Names of the reglab kernels currently registered for wasm. */
export function activeWasmKernels(): string[] {
  return activeKernelNames();
}
