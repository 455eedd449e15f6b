// Conv2DBackpropFilter for tfjs-backend-wasm, which 4.22 lacks: without it the gradient of
// tf.conv2d (tf.layers.conv2d) with respect to its filter throws "Kernel 'Conv2DBackpropFilter'
// not registered for backend 'wasm'", so no CNN can train on wasm.
//
//   dW[r, s, ci, co] = Σ_{b, i, j} x[b, i·sh + r − padTop, j·sw + s − padLeft, ci] · dy[b, i, j, co]
//   (terms whose x index falls in the padding are zero)
//
// i.e. dW = patchesᵀ · dy (im2col): patches [b·oh·ow, fh·fw·inC] holds at row (b, i, j) the
// receptive field of output (i, j) in the (r, s, ci) order of the filter layout. We fill it on
// the wasm heap (one contiguous copy per filter row) and multiply on XNNPACK through the stock
// Transpose and no-transpose BatchMatMul kernels.
//
// Why not the wasm binary's own Conv3DBackpropFilterV2 at depth 1 (NHWC [b, h, w, c] has the
// memory layout of NDHWC [b, 1, h, w, c])? Measured on this machine it is a naive loop, 15–60×
// slower than im2col on CNN-sized layers (≈0.5 vs ≈6–8 GFLOP/s for x [32,14,14,32], filter
// [3,3,32,64]), and it is wrong for strides > 1 (tfjs-backend-wasm 4.22, so tf.conv3d's filter
// gradient on wasm is wrong too): for filter offsets r > 0 it skips output row 0 and, for some
// offsets, the last row (it rounds ceil((pad − r)/s) and (in + pad − r)/s the wrong way; at
// stride 1 both are exact). Example: x = [1..5] (one row), filter 2, stride 2, dy = [1, 10]
// gives dW = [31, 40] instead of [31, 42].
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callStock, disposeTemp } from './wasm-heap';
import { installKernel, type KernelEntry } from './registry';

/** Name of the kernel this module adds (tfjs-core's `Conv2DBackpropFilter`). */
export const CONV2D_BACKPROP_FILTER = 'Conv2DBackpropFilter';

/**
 * Most float32 elements in one patches buffer (64 MB; the transposed copy doubles it). Larger
 * batches are done in chunks of whole images whose partial products are summed.
 */
export const MAX_PATCH_ELEMENTS = 16 * 1024 * 1024;
let maxPatchElements = MAX_PATCH_ELEMENTS;

/** Sets the chunk limit (tests use a small one to exercise chunking); returns the previous one. */
export function setMaxPatchElements(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`\`n\` must be an integer ≥ 1; received ${n}`);
  const previous = maxPatchElements;
  maxPatchElements = n;
  return previous;
}

/** The attrs tfjs-core's conv2d gradient passes (kernel_names.d.ts `Conv2DBackpropFilterAttrs`). */
interface Conv2DBackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
  dilations?: [number, number] | number;
}

const fail = (message: string): never => {
  throw new Error(`reglab Conv2DBackpropFilter (wasm): ${message}`);
};

function checkInputs(x: tf.TensorInfo, dy: tf.TensorInfo, attrs: Conv2DBackpropFilterAttrs): void {
  const dilations = attrs.dilations ?? 1;
  const rates = typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (rates.some((d) => d !== 1)) fail(`\`dilations\` must be 1; received ${JSON.stringify(dilations)}`);
  const format = attrs.dataFormat ?? 'NHWC';
  if (format !== 'NHWC' && format !== 'NCHW') fail(`\`dataFormat\` must be 'NHWC' or 'NCHW'; received ${JSON.stringify(format)}`);
  for (const [name, t] of [['x', x], ['dy', dy]] as const) {
    if (t.dtype !== 'float32') fail(`\`${name}\` must be float32; received ${t.dtype}`);
    if (t.shape.length !== 4) fail(`\`${name}\` must be rank 4; received shape [${t.shape}]`);
  }
}

/** Byte offset / 4 of a tensor's buffer on the wasm heap. */
function heapIndex(info: tf.TensorInfo, backend: BackendWasm): number {
  return (backend.dataIdMap.get(info.dataId) as { memoryOffset: number }).memoryOffset >>> 2;
}

/** A float32 view of the whole wasm heap; take it after the last allocation that precedes its use. */
function heapView(backend: BackendWasm): Float32Array {
  return new Float32Array((backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer);
}

/** patches [(b1 − b0)·oh·ow, fh·fw·inC] for images b0 ≤ b < b1 of NHWC x (zeros in the padding). */
function im2col(x: tf.TensorInfo, info: tf.backend_util.Conv2DInfo, b0: number, b1: number, backend: BackendWasm): tf.TensorInfo {
  const { inHeight: h, inWidth: w, inChannels: inC, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { top: pt, left: pl } = info.padInfo;
  const k = fh * fw * inC;
  const patches = backend.makeOutput([(b1 - b0) * oh * ow, k], 'float32');
  const heap = heapView(backend);
  const xo = heapIndex(x, backend);
  let row = heapIndex(patches, backend);
  heap.fill(0, row, row + (b1 - b0) * oh * ow * k);
  for (let b = b0; b < b1; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++, row += k) {
        // Filter columns s in [s0, s1) land inside the input: contiguous in x and in the row.
        const v0 = j * sw - pl;
        const s0 = Math.max(0, -v0);
        const len = (Math.min(fw, w - v0) - s0) * inC;
        if (len <= 0) continue;
        for (let r = 0; r < fh; r++) {
          const u = i * sh + r - pt;
          if (u < 0 || u >= h) continue;
          const src = xo + ((b * h + u) * w + v0 + s0) * inC;
          const dst = row + (r * fw + s0) * inC;
          if (len < 32) for (let e = 0; e < len; e++) heap[dst + e] = heap[src + e];
          else heap.copyWithin(dst, src, src + len);
        }
      }
    }
  }
  return patches;
}

/** patchesᵀ · dy[b0:b1] as [k, outC] (XNNPACK: stock Transpose, then no-transpose BatchMatMul). */
function partialProduct(x: tf.TensorInfo, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo, b0: number, b1: number, backend: BackendWasm): tf.TensorInfo {
  const rows = (b1 - b0) * info.outHeight * info.outWidth;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const patches = im2col(x, info, b0, b1, backend);
  const patchesT = callStock('Transpose', { x: patches }, backend, { perm: [1, 0] });
  disposeTemp(patches, backend);
  // dy rows of images b0..b1 start at element b0·oh·ow·outC: a view through a temporary slice
  // would copy, so for a chunk we slice (stock Slice); the whole batch is used as it is.
  const whole = b0 === 0 && b1 === info.batchSize;
  const dyRows = whole ? dy : callStock('Slice', { x: { ...dy, shape: [info.batchSize * info.outHeight * info.outWidth, info.outChannels] } }, backend, {
    begin: [b0 * info.outHeight * info.outWidth, 0], size: [rows, info.outChannels],
  });
  const product = callStock('BatchMatMul', {
    a: { dataId: patchesT.dataId, shape: [1, k, rows], dtype: 'float32' },
    b: { dataId: dyRows.dataId, shape: [1, rows, info.outChannels], dtype: 'float32' },
  }, backend, { transposeA: false, transposeB: false });
  disposeTemp(patchesT, backend);
  if (!whole) disposeTemp(dyRows, backend);
  return product;
}

/** dW for NHWC x [b, h, w, inC] and dy [b, outH, outW, outC]; returns [fh, fw, inC, outC]. */
function filterGradientNHWC(x: tf.TensorInfo, dy: tf.TensorInfo, backend: BackendWasm, attrs: Conv2DBackpropFilterAttrs): tf.TensorInfo {
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.some((n, i) => n !== expected[i])) fail(`\`dy\` must have shape [${expected}]; received [${dy.shape}]`);
  if (tf.util.sizeFromShape(dy.shape) === 0) {
    const zeros = backend.makeOutput(info.filterShape, 'float32');
    (backend.typedArrayFromHeap(zeros) as Float32Array).fill(0); // makeOutput's memory is uninitialized
    return zeros;
  }
  const perImage = info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * info.inChannels;
  const chunk = Math.max(1, Math.floor(maxPatchElements / perImage));
  let sum: tf.TensorInfo | undefined;
  for (let b0 = 0; b0 < info.batchSize; b0 += chunk) {
    const part = partialProduct(x, dy, info, b0, Math.min(info.batchSize, b0 + chunk), backend);
    if (sum === undefined) sum = part;
    else {
      const next = callStock('Add', { a: sum, b: part }, backend, {});
      disposeTemp(sum, backend);
      disposeTemp(part, backend);
      sum = next;
    }
  }
  const result = sum as tf.TensorInfo;
  return { dataId: result.dataId, shape: info.filterShape, dtype: 'float32' };
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
  checkInputs(x, dy, attrs);
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

/** The table entry: wasm 4.22 has no Conv2DBackpropFilter, so it is added (a later wasm's own is kept). */
export const conv2DBackpropFilterKernel: KernelEntry = {
  name: CONV2D_BACKPROP_FILTER, kind: 'add', kernelFunc: conv2DBackpropFilter as tf.KernelFunc,
};

/** Adds {@link conv2DBackpropFilter} for wasm (idempotent). @returns true when reglab's kernel is the registered one. */
export function registerConv2DBackpropFilter(): boolean {
  return installKernel(conv2DBackpropFilterKernel);
}
