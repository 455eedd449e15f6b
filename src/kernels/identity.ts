// Identity for tfjs-backend-wasm that shares the buffer instead of copying it.
//
// Why: while a gradient tape records, tfjs's engine clones every tensor a kernel saves for the
// backward pass (engine.saveTensorsForBackwardMode → clone → the Identity kernel), ~15 clones
// per training step of a 3-layer MLP. The stock wasm Identity allocates and copies the whole
// buffer each time; tfjs-backend-cpu instead takes a reference, which is safe because tensors
// are immutable (no kernel writes into its inputs; Variable.assign swaps buffers). This does
// the same on wasm through the backend's reference count, as its own Reshape kernel does.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callStock } from './wasm-heap';

/** Replacement kernelFunc for `Identity` on wasm (strings keep the stock copy). */
export function identity(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x } = args.inputs as { x: tf.TensorInfo };
  if (x.dtype === 'string') return callStock('Identity', args.inputs, backend, args.attrs ?? {});
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

/**
 * Replacement kernelFunc for `Cast` on wasm: a cast to the tensor's own dtype (tfjs-layers and
 * the gradient code issue several per training step) shares the buffer like Identity; real
 * conversions go to the stock kernel.
 */
export function cast(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const dtype = args.attrs?.dtype;
  if (dtype !== x.dtype || x.dtype === 'string') return callStock('Cast', args.inputs, args.backend as BackendWasm, args.attrs ?? {});
  return identity(args);
}
