// Conv2DBackpropFilter for tfjs-backend-wasm, which 4.22 lacks: without it the gradient of
// tf.conv2d (tf.layers.conv2d) with respect to its filter throws "Kernel 'Conv2DBackpropFilter'
// not registered for backend 'wasm'", so no CNN can train on wasm.
//
// The wasm binary already ships the 3-D version (C++ entry point `Conv3DBackpropFilterV2`).
// A 2-D convolution is a 3-D one with depth 1, and NHWC [b, h, w, c] has the same memory
// layout as NDHWC [b, 1, h, w, c], so the 3-D routine runs on the 2-D buffers as they are (no
// reshape, no copy). We call the entry point ourselves rather than the stock 3-D kernelFunc
// because its padding comes from computeConv3DInfo, which would pad the depth axis too for a
// numeric pad and accepts neither explicit padding nor dimRoundingMode; computeConv2DInfo
// gives the exact 2-D geometry, and the C++ loop needs only the top/left padding.
//
//   dW[r, s, ci, co] = Σ_{b, i, j} x[b, i·sh + r − padTop, j·sw + s − padLeft, ci] · dy[b, i, j, co]
//   (terms whose x index falls in the padding are zero)
//
// Strides > 1: the C++ routine is wrong there (tfjs-backend-wasm 4.22; its stock 3-D kernel gives
// wrong filter gradients for any stride > 1 too): it skips output row/column 0 for filter
// offsets > 0 and the last one for some offsets, i.e. it rounds ceil((pad − r)/s) and
// (in + pad − r)/s the wrong way; with stride 1 both are exact. So for strides (sh, sw) we run
// it with stride 1 on dy dilated by the strides (dy'[i·sh, j·sw] = dy[i, j], zeros between):
// the same sum, re-indexed by u = i·sh, v = j·sw. It costs sh·sw× the multiply-adds of that
// layer's filter gradient, and one padded copy of dy (stock PadV2).
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callStock, disposeTemp } from './wasm-heap';

/** Name of the kernel this module adds (tfjs-core's `Conv2DBackpropFilter`). */
export const CONV2D_BACKPROP_FILTER = 'Conv2DBackpropFilter';

/** The attrs tfjs-core's conv2d gradient passes (kernel_names.d.ts `Conv2DBackpropFilterAttrs`). */
interface Conv2DBackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
  dilations?: [number, number] | number;
}

type Conv3DBackpropFilterEntry = (...args: number[]) => void;

/** The C++ entry point, bound once per wasm module instance. */
const entryPoints = new WeakMap<object, Conv3DBackpropFilterEntry>();

function conv3DEntry(backend: BackendWasm): Conv3DBackpropFilterEntry {
  const module = backend.wasm as unknown as { cwrap: (name: string, ret: null, args: string[]) => Conv3DBackpropFilterEntry };
  let entry = entryPoints.get(module);
  if (entry === undefined) {
    // Same signature the stock kernel binds: 3 ids + 21 geometry numbers.
    entry = module.cwrap('Conv3DBackpropFilterV2', null, new Array<string>(24).fill('number'));
    entryPoints.set(module, entry);
  }
  return entry;
}

function memoryId(info: tf.TensorInfo, backend: BackendWasm): number {
  return (backend.dataIdMap.get(info.dataId) as { id: number }).id;
}

function checkAttrs(attrs: Conv2DBackpropFilterAttrs): void {
  const dilations = attrs.dilations ?? 1;
  const rates = typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (rates.some((d) => d !== 1)) {
    throw new Error(`reglab Conv2DBackpropFilter (wasm): \`dilations\` must be 1; received ${JSON.stringify(dilations)}`);
  }
  const format = attrs.dataFormat ?? 'NHWC';
  if (format !== 'NHWC' && format !== 'NCHW') {
    throw new Error(`reglab Conv2DBackpropFilter (wasm): \`dataFormat\` must be 'NHWC' or 'NCHW'; received ${JSON.stringify(format)}`);
  }
}

/** dW for NHWC x [b, h, w, inC] and dy [b, outH, outW, outC]; returns [fh, fw, inC, outC]. */
function filterGradientNHWC(x: tf.TensorInfo, dy: tf.TensorInfo, backend: BackendWasm, attrs: Conv2DBackpropFilterAttrs): tf.TensorInfo {
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.some((n, i) => n !== expected[i]) || dy.shape.length !== 4) {
    throw new Error(`reglab Conv2DBackpropFilter (wasm): \`dy\` must have shape [${expected}]; received [${dy.shape}]`);
  }
  const dw = backend.makeOutput(info.filterShape, 'float32');
  // makeOutput's memory is uninitialized: zero it, so an empty batch (no terms) gives 0, and the
  // result never depends on whether the C++ loop assigns or accumulates (cost: one filter's size).
  (backend.typedArrayFromHeap(dw) as Float32Array).fill(0);
  if (tf.util.sizeFromShape(dy.shape) === 0) return dw;
  const { strideHeight: sh, strideWidth: sw } = info;
  const dyUnit = sh === 1 && sw === 1 ? dy : dilate(dy, sh, sw, backend);
  try {
    conv3DEntry(backend)(
      memoryId(x, backend), memoryId(dyUnit, backend), memoryId(dw, backend),
      info.batchSize, 1, info.inHeight, info.inWidth, info.inChannels,
      1, dyUnit.shape[1], dyUnit.shape[2], info.outChannels,
      1, 1, 1, // strides: exact only at 1 (see the top of this file)
      1, 1, 1, // dilations
      1, info.filterHeight, info.filterWidth,
      0, info.padInfo.top, info.padInfo.left,
    );
  } finally {
    if (dyUnit !== dy) disposeTemp(dyUnit, backend);
  }
  return dw;
}

/**
 * dy [b, oh, ow, c] → [b, oh·sh, ow·sw, c] with dy[i, j] at (i·sh, j·sw) and zeros elsewhere.
 * The trailing sh − 1 rows (sw − 1 columns) are zero, so they add nothing to the sums, and the
 * C++ loop clips every x index to the input, so they are never read out of bounds either.
 */
function dilate(dy: tf.TensorInfo, sh: number, sw: number, backend: BackendWasm): tf.TensorInfo {
  const [b, oh, ow, c] = dy.shape;
  const spread = { dataId: dy.dataId, shape: [b, oh, 1, ow, 1, c], dtype: dy.dtype }; // a view, no reference
  const padded = callStock('PadV2', { x: spread }, backend, {
    paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
    constantValue: 0,
  });
  return { dataId: padded.dataId, shape: [b, oh * sh, ow * sw, c], dtype: padded.dtype };
}

/**
 * kernelFunc for `Conv2DBackpropFilter` on wasm: the gradient of `tf.conv2d` with respect to its
 * filter. Supports strides, padding 'same' | 'valid' | number | explicit, dimRoundingMode, NHWC
 * and NCHW (transposed to NHWC first); float32 only; dilations must be 1 (as in tfjs's own
 * conv2d gradient).
 */
export function conv2DBackpropFilter(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = (args.attrs ?? {}) as unknown as Conv2DBackpropFilterAttrs;
  checkAttrs(attrs);
  for (const [name, t] of [['x', x], ['dy', dy]] as const) {
    if (t.dtype !== 'float32') throw new Error(`reglab Conv2DBackpropFilter (wasm): \`${name}\` must be float32; received ${t.dtype}`);
    if (t.shape.length !== 4) throw new Error(`reglab Conv2DBackpropFilter (wasm): \`${name}\` must be rank 4; received shape [${t.shape}]`);
  }
  if ((attrs.dataFormat ?? 'NHWC') === 'NHWC') return filterGradientNHWC(x, dy, backend, attrs);
  // NCHW → NHWC: the filter layout [fh, fw, inC, outC] does not depend on the data format.
  const xNHWC = callStock('Transpose', { x }, backend, { perm: [0, 2, 3, 1] });
  const dyNHWC = callStock('Transpose', { x: dy }, backend, { perm: [0, 2, 3, 1] });
  try {
    return filterGradientNHWC(xNHWC, dyNHWC, backend, { ...attrs, dataFormat: 'NHWC' });
  } finally {
    disposeTemp(xNHWC, backend);
    disposeTemp(dyNHWC, backend);
  }
}

/** Kernel config to register for wasm (setupFunc not needed: the entry point is bound lazily). */
export const conv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: CONV2D_BACKPROP_FILTER,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as tf.KernelFunc,
};

/**
 * Registers {@link conv2DBackpropFilterConfig} for wasm (idempotent). Does nothing when the wasm
 * backend is not loaded, or when tfjs-backend-wasm has its own Conv2DBackpropFilter (a later
 * version): that one is kept.
 * @returns true when reglab's kernel is the registered one.
 */
export function registerConv2DBackpropFilter(): boolean {
  if (tf.getKernel('Conv3DBackpropFilterV2', 'wasm') === undefined) return false; // wasm not loaded
  const current = tf.getKernel(CONV2D_BACKPROP_FILTER, 'wasm');
  if (current === undefined) tf.registerKernel(conv2DBackpropFilterConfig);
  return tf.getKernel(CONV2D_BACKPROP_FILTER, 'wasm')?.kernelFunc === conv2DBackpropFilterConfig.kernelFunc;
}
