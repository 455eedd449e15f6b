// Small helpers for kernels that run inside tfjs-backend-wasm: call the stock kernels this
// module replaced, make temporaries on the wasm heap, and copy between them.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** The kernel configs that registerWasmKernels() replaced, by kernel name. */
const stockConfigs = new Map<string, tf.KernelConfig>();

/** reglab's kernelFuncs: a "stock" lookup must never land on one of them (endless recursion). */
export const ourKernelFuncs = new Set<tf.KernelFunc>();

/** Remembers the stock config of `kernelName` on wasm (first call wins; never one of ours). */
export function rememberStock(config: tf.KernelConfig): void {
  if (!stockConfigs.has(config.kernelName) && !ourKernelFuncs.has(config.kernelFunc)) stockConfigs.set(config.kernelName, config);
}

/** The stock wasm config of a kernel that this module replaced, if any. */
export function stockConfig(kernelName: string): tf.KernelConfig | undefined {
  return stockConfigs.get(kernelName);
}

/** Runs the stock wasm kernel `kernelName` (the one registered before reglab's patch). */
export function callStock(
  kernelName: string,
  inputs: tf.NamedTensorInfoMap,
  backend: BackendWasm,
  attrs: tf.NamedAttrMap,
): tf.TensorInfo {
  const config = stockConfigs.get(kernelName) ?? tf.getKernel(kernelName, 'wasm');
  if (config === undefined || ourKernelFuncs.has(config.kernelFunc)) {
    throw new Error(`reglab kernels: no stock wasm kernel named ${kernelName}`);
  }
  return config.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
}

/** A view of `info`'s buffer with another shape (same data, no copy, no reference taken). */
export function reshapeView(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Swaps the last two axes, materializing the result on the wasm heap (stock Transpose). */
export function transposeLastTwo(x: tf.TensorInfo, backend: BackendWasm): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return callStock('Transpose', { x }, backend, { perm });
}

/** Releases a temporary created inside a kernel. */
export function disposeTemp(info: tf.TensorInfo, backend: BackendWasm): void {
  backend.disposeData(info.dataId);
}

/**
 * A float32 view of `info` on the wasm heap. Views die when the heap grows, so take them
 * after every allocation (makeOutput, stock kernel calls) that precedes their use.
 */
export function heapF32(info: tf.TensorInfo, backend: BackendWasm): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}
