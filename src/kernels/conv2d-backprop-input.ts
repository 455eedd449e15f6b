// Conv2DBackpropInput for tfjs-backend-wasm through the forward Conv2D (XNNPACK).
//
// Why: the stock wasm Conv2DBackpropInput is a plain loop, ≈1.7 GFLOP/s on this machine, while
// the forward Conv2D runs on XNNPACK at ≈12–20 GFLOP/s; in a CNN's backward pass the input
// gradient of every conv layer but the first is the slowest step (x [32,14,14,32], filter
// [3,3,32,64]: 135 ms vs 11 ms forward). The input gradient is itself a convolution:
//
//   dx[b, u, v, ci] = Σ_{r, s, co} dy'[b, u + r − P_top, v + s − P_left, co] · W[fh−1−r, fw−1−s, ci, co]
//
// with dy' = dy dilated by the strides (dy'[i·sh, j·sw] = dy[i, j], zeros between), the filter
// flipped in space with its channel axes swapped, stride 1, and explicit padding
// P_top = fh − 1 − padTop, P_bottom = h − 1 + fh − rows(dy') − P_top (likewise for columns).
// Cases this does not cover (NCHW, negative P) go to the stock kernel.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { installKernel, restoreKernel, type KernelEntry } from './registry';
import { callStock, disposeTemp } from './wasm-heap';

const KERNEL = 'Conv2DBackpropInput';

interface Conv2DBackpropInputAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

function runStock(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  return callStock(KERNEL, args.inputs, args.backend as BackendWasm, args.attrs ?? {});
}

/** dy [b, oh, ow, c] → [b, oh·sh, ow·sw, c], dy[i, j] at (i·sh, j·sw), zeros elsewhere (stock PadV2). */
function dilate(dy: tf.TensorInfo, sh: number, sw: number, backend: BackendWasm): tf.TensorInfo {
  const [b, oh, ow, c] = dy.shape;
  const spread = { dataId: dy.dataId, shape: [b, oh, 1, ow, 1, c], dtype: dy.dtype };
  const padded = callStock('PadV2', { x: spread }, backend, {
    paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
    constantValue: 0,
  });
  return { dataId: padded.dataId, shape: [b, oh * sh, ow * sw, c], dtype: padded.dtype };
}

/** kernelFunc for `Conv2DBackpropInput` on wasm (the gradient of tf.conv2d w.r.t. its input). */
export function conv2DBackpropInput(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = (args.attrs ?? {}) as unknown as Conv2DBackpropInputAttrs;
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC' || dy.dtype !== 'float32' || filter.dtype !== 'float32') return runStock(args);
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { inHeight: h, inWidth: w, filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const rows = info.outHeight * sh;
  const cols = info.outWidth * sw;
  const top = fh - 1 - info.padInfo.top;
  const left = fw - 1 - info.padInfo.left;
  const bottom = h - 1 + fh - rows - top;
  const right = w - 1 + fw - cols - left;
  if ([top, left, bottom, right].some((p) => p < 0) || tf.util.sizeFromShape(dy.shape) === 0) return runStock(args);
  const dyUnit = sh === 1 && sw === 1 ? dy : dilate(dy, sh, sw, backend);
  const flipped = callStock('Reverse', { x: filter }, backend, { dims: [0, 1] });
  const swapped = callStock('Transpose', { x: flipped }, backend, { perm: [0, 1, 3, 2] });
  disposeTemp(flipped, backend);
  try {
    return callStock('Conv2D', { x: dyUnit, filter: swapped }, backend, {
      strides: [1, 1], dilations: [1, 1], dataFormat: 'NHWC',
      pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
    });
  } finally {
    disposeTemp(swapped, backend); // also frees the XNNPACK operator the backend cached for it
    if (dyUnit !== dy) disposeTemp(dyUnit, backend);
  }
}

/** The table entry (a speed kernel: REGLAB_WASM_KERNELS=stock keeps the stock loop). */
export const conv2DBackpropInputKernel: KernelEntry = {
  name: KERNEL, kind: 'speed', kernelFunc: conv2DBackpropInput as tf.KernelFunc,
};

/** Replaces the stock wasm Conv2DBackpropInput with {@link conv2DBackpropInput} (idempotent). */
export function registerConv2DBackpropInput(): boolean {
  return installKernel(conv2DBackpropInputKernel);
}

/** Puts the stock wasm Conv2DBackpropInput back (A/B tests, benchmarks). @returns whether it did. */
export function restoreStockConv2DBackpropInput(): boolean {
  return restoreKernel(conv2DBackpropInputKernel);
}
