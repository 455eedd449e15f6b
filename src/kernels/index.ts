/**
 * Faster kernels for `@tensorflow/tfjs-backend-wasm` (issue 6).
 *
 * `rl.backend.ready()` calls {@link registerWasmKernels} after it selects wasm, so every model
 * trained through reglab gets them. Each replacement keeps the stock kernel to call for the
 * cases it does not speed up, and agrees with it to float32 rounding (tests in test/kernels).
 *
 * | kernel        | stock wasm 4.22 behaviour                       | replacement                         |
 * |---------------|-------------------------------------------------|-------------------------------------|
 * | BatchMatMul   | naive loop unless no transpose and batch 1      | materialize transposes → XNNPACK    |
 * | _FusedMatMul  | same                                            | same, bias/activation kept fused    |
 * | GatherV2      | element-wise strided copy                       | one TypedArray.set per slice        |
 * | Identity      | copies the buffer (≈15× per training step)      | shares it (reference count)         |
 * | Cast          | copies even to the same dtype                   | same dtype: shares it; else stock   |
 * | Adam update   | 13 element-wise kernels per variable            | one pass (`ReglabAdamUpdate`)       |
 *
 * The Adam row is not a kernel replacement: tf.AdamOptimizer.prototype.applyGradients is routed
 * through a new wasm kernel while the active backend is wasm (tfjs's own code otherwise).
 *
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import '@tensorflow/tfjs-backend-wasm';
 * await tf.setBackend('wasm');
 * registerWasmKernels(); // → ['BatchMatMul', '_FusedMatMul', 'GatherV2', 'Identity']
 * ```
 */
import * as tf from '@tensorflow/tfjs';
import { installFusedAdam, uninstallFusedAdam } from './adam';
import { registerConv2DBackpropFilter } from './conv2d-backprop-filter';
import { registerConv2DBackpropInput } from './conv2d-backprop-input';
import { registerMaxPoolGrad } from './max-pool-grad';
import { gatherV2 } from './gather';
import { cast, identity } from './identity';
import { batchMatMul, fusedMatMul } from './mat-mul';
import { rememberStock, stockConfig } from './wasm-heap';

export { MIN_MACS_FOR_FAST_PATH } from './mat-mul';
export { fusedAdamInstalled } from './adam';

const BACKEND = 'wasm';

/** reglab's replacement kernelFuncs, by kernel name. */
const replacements: Record<string, tf.KernelFunc> = {
  BatchMatMul: batchMatMul as tf.KernelFunc,
  _FusedMatMul: fusedMatMul as tf.KernelFunc,
  GatherV2: gatherV2 as tf.KernelFunc,
  Identity: identity as tf.KernelFunc,
  Cast: cast as tf.KernelFunc,
};

const active = new Set<string>();

/**
 * True when env REGLAB_WASM_KERNELS is 'stock' / 'off' / '0': keep tfjs-backend-wasm's own
 * kernels and Adam (A/B runs, bug hunts). Kernels that wasm 4.22 lacks or gets wrong in every
 * case (Conv2DBackpropFilter, MaxPoolGrad) are still added.
 */
function disabledByEnv(): boolean {
  const value = typeof process === 'undefined' ? undefined : process.env?.REGLAB_WASM_KERNELS;
  return value !== undefined && ['stock', 'off', '0', 'false'].includes(value.toLowerCase());
}

/**
 * Registers reglab's faster wasm kernels in place of the stock ones (idempotent).
 * Call after `import '@tensorflow/tfjs-backend-wasm'` (before or after `tf.setBackend('wasm')`).
 * Env `REGLAB_WASM_KERNELS=stock` keeps the stock speed-path kernels (see {@link disabledByEnv}).
 * @returns the names of the kernels it replaced (empty when the wasm backend is not registered).
 */
export function registerWasmKernels(): string[] {
  const replaced: string[] = [];
  for (const [kernelName, kernelFunc] of Object.entries(disabledByEnv() ? {} : replacements)) {
    const current = tf.getKernel(kernelName, BACKEND);
    if (current === undefined) continue;
    if (!active.has(kernelName)) {
      rememberStock(current);
      tf.unregisterKernel(kernelName, BACKEND);
      // setupFunc/disposeFunc stay the stock ones: they bind the C++ entry points our kernels reuse.
      tf.registerKernel({ ...current, kernelFunc });
      active.add(kernelName);
    }
    replaced.push(kernelName);
  }
  if (replaced.length > 0) installFusedAdam();
  if (registerConv2DBackpropFilter()) replaced.push('Conv2DBackpropFilter'); // missing in wasm 4.22: added, not replaced
  if (registerMaxPoolGrad()) replaced.push('MaxPoolGrad'); // stock one is wrong where a window's max is ≤ 0 (max-pool-grad.ts)
  if (registerConv2DBackpropInput()) replaced.push('Conv2DBackpropInput'); // via XNNPACK Conv2D, ≈5× the stock loop
  return replaced;
}

/**
 * Puts the stock wasm kernels back (for A/B benchmarks and tests).
 * @returns the names of the kernels it restored.
 */
export function restoreWasmKernels(): string[] {
  const restored: string[] = [];
  for (const kernelName of [...active]) {
    const stock = stockConfig(kernelName);
    if (stock === undefined) continue;
    tf.unregisterKernel(kernelName, BACKEND);
    tf.registerKernel(stock);
    active.delete(kernelName);
    restored.push(kernelName);
  }
  uninstallFusedAdam();
  return restored;
}

/** Names of the reglab kernels currently registered for wasm. */
export function activeWasmKernels(): string[] {
  return [...active];
}
