// BatchMatMul and _FusedMatMul for tfjs-backend-wasm 4.x that stay on XNNPACK's fast path.
//
// Why: the stock C++ kernel only uses XNNPACK's fully-connected operator when neither operand
// is transposed and both batch sizes are 1; every other case (the whole backward pass of a
// dense layer: dX = dY·Wᵀ, dW = Xᵀ·dY, and any batched product) falls back to a naive
// blocked triple loop that runs 10-15× slower. Materializing the transposes (O(mk + kn)) and
// folding a broadcast batch into the rows, then calling the stock kernel, keeps the O(mnk)
// work on XNNPACK. Results differ from the stock loop only by float32 summation order.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callStock, disposeTemp, heapF32, reshapeView, transposeLastTwo } from './wasm-heap';

/**
 * Products smaller than this many multiply-adds (m·n·k per batch) stay on the stock kernel:
 * below it, the extra transpose and operator creation cost more than they save.
 */
export const MIN_MACS_FOR_FAST_PATH = 4096;

/** Shapes of one (batched) matrix product after applying the transpose flags. */
export interface MatMulDims {
  m: number;
  k: number;
  n: number;
  batchA: number;
  batchB: number;
  outerA: number[];
  outerB: number[];
  outerOut: number[];
}

/** Reads m, k, n and the batch dimensions of `a·b` (with transposes) from the input shapes. */
export function matMulDims(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): MatMulDims {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const outerOut = tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
  const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
  return { m, k, n, batchA: size(outerA), batchB: size(outerB), outerA, outerB, outerOut };
}

/**
 * True when the stock kernel pairs batches correctly: it flattens the outer dims and pairs
 * batch i with batch i (or with the single batch of the other side), so outer shapes such as
 * [2,1]·[1,3] come out with 3 batches instead of 6.
 */
function stockPairsBatches(d: MatMulDims): boolean {
  if (d.batchA === 1 || d.batchB === 1) return true;
  const rank = d.outerOut.length;
  const pad = (s: number[]) => [...Array(rank - s.length).fill(1), ...s];
  return tf.util.arraysEqual(pad(d.outerA), pad(d.outerB));
}

/** True when the stock kernel would leave XNNPACK for its naive loop and the product is big enough to matter. */
function worthPatching(d: MatMulDims, transposeA: boolean, transposeB: boolean): boolean {
  if (!stockPairsBatches(d)) return true;
  const stockIsFast = !transposeA && !transposeB && d.batchA === 1 && d.batchB === 1;
  return !stockIsFast && d.m * d.n * d.k >= MIN_MACS_FOR_FAST_PATH;
}

/** Row-major operands with the transposes materialized; `owned` lists temporaries to free. */
interface Operands {
  a: tf.TensorInfo;
  b: tf.TensorInfo;
  owned: tf.TensorInfo[];
}

function materialize(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean, backend: BackendWasm): Operands {
  const owned: tf.TensorInfo[] = [];
  const a2 = transposeA ? transposeLastTwo(a, backend) : a;
  if (transposeA) owned.push(a2);
  const b2 = transposeB ? transposeLastTwo(b, backend) : b;
  if (transposeB) owned.push(b2);
  return { a: a2, b: b2, owned };
}

/** Index into an operand's flattened outer dims for output batch `o` (numpy broadcasting). */
function broadcastBatchIndex(o: number, outerOut: number[], outerX: number[]): number {
  let index = 0;
  let stride = 1;
  let rest = o;
  const offset = outerOut.length - outerX.length;
  const coords = new Array<number>(outerOut.length);
  for (let axis = outerOut.length - 1; axis >= 0; axis--) {
    coords[axis] = rest % outerOut[axis];
    rest = Math.floor(rest / outerOut[axis]);
  }
  for (let axis = outerX.length - 1; axis >= 0; axis--) {
    const dim = outerX[axis];
    const c = dim === 1 ? 0 : coords[axis + offset];
    index += c * stride;
    stride *= dim;
  }
  return index;
}

/** Copies `count` floats starting at `offset` of `src` into a new [rows, cols] heap tensor. */
function copySlice(src: tf.TensorInfo, offset: number, rows: number, cols: number, backend: BackendWasm): tf.TensorInfo {
  const out = backend.makeOutput([rows, cols], 'float32');
  const count = rows * cols;
  heapF32(out, backend).set(heapF32(src, backend).subarray(offset, offset + count));
  return out;
}

/**
 * Batched product with the batch folded into rows when b is shared (one XNNPACK call), or one
 * XNNPACK call per output batch otherwise. `a`, `b` are row-major (no transposes left).
 */
function batchedProduct(ops: Operands, d: MatMulDims, backend: BackendWasm): tf.TensorInfo {
  const outShape = [...d.outerOut, d.m, d.n];
  if (d.batchB === 1 && tf.util.arraysEqual(d.outerA, d.outerOut)) {
    const out = callStock(
      'BatchMatMul',
      { a: reshapeView(ops.a, [d.batchA * d.m, d.k]), b: reshapeView(ops.b, [d.k, d.n]) },
      backend,
      { transposeA: false, transposeB: false },
    );
    return { ...out, shape: outShape };
  }
  const batches = outShape.slice(0, -2).reduce((p, x) => p * x, 1);
  const out = backend.makeOutput(outShape, 'float32');
  for (let o = 0; o < batches; o++) {
    const ia = broadcastBatchIndex(o, d.outerOut, d.outerA);
    const ib = broadcastBatchIndex(o, d.outerOut, d.outerB);
    const aSlice = copySlice(ops.a, ia * d.m * d.k, d.m, d.k, backend);
    const bSlice = copySlice(ops.b, ib * d.k * d.n, d.k, d.n, backend);
    const part = callStock('BatchMatMul', { a: aSlice, b: bSlice }, backend, { transposeA: false, transposeB: false });
    heapF32(out, backend).set(heapF32(part, backend), o * d.m * d.n);
    for (const t of [aSlice, bSlice, part]) disposeTemp(t, backend);
  }
  return out;
}

/** Replacement kernelFunc for `BatchMatMul` on wasm. */
export function batchMatMul(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const attrs = args.attrs ?? {};
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const transposeA = Boolean(attrs.transposeA);
  const transposeB = Boolean(attrs.transposeB);
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return callStock('BatchMatMul', args.inputs, backend, attrs);
  const d = matMulDims(a, b, transposeA, transposeB);
  if (!worthPatching(d, transposeA, transposeB)) return callStock('BatchMatMul', args.inputs, backend, attrs);
  const ops = materialize(a, b, transposeA, transposeB, backend);
  try {
    if (d.batchA === 1 && d.batchB === 1) {
      const out = callStock(
        'BatchMatMul',
        { a: reshapeView(ops.a, [d.m, d.k]), b: reshapeView(ops.b, [d.k, d.n]) },
        backend,
        { transposeA: false, transposeB: false },
      );
      return { ...out, shape: [...d.outerOut, d.m, d.n] };
    }
    return batchedProduct(ops, d, backend);
  } finally {
    for (const t of ops.owned) disposeTemp(t, backend);
  }
}

/** Bias and PReLU weights that the XNNPACK path applies per output column (size 1 or n). */
function perColumn(info: tf.TensorInfo | undefined, n: number, allowScalar: boolean): boolean {
  if (info === undefined || info === null) return true;
  const size = info.shape.reduce((p, x) => p * x, 1);
  return size === n || (allowScalar && size === 1);
}

/** Applies `activation` with the stock wasm kernels (the unfused fallback). */
function activate(x: tf.TensorInfo, attrs: tf.NamedAttrMap, prelu: tf.TensorInfo | undefined, backend: BackendWasm): tf.TensorInfo {
  switch (attrs.activation ?? 'linear') {
    case 'linear':
      return x;
    case 'relu':
      return callStock('Relu', { x }, backend, {});
    case 'relu6':
      return callStock('Relu6', { x }, backend, {});
    case 'elu':
      return callStock('Elu', { x }, backend, {});
    case 'sigmoid':
      return callStock('Sigmoid', { x }, backend, {});
    case 'leakyrelu':
      return callStock('LeakyRelu', { x }, backend, { alpha: (attrs.leakyreluAlpha as number | undefined) ?? 0.2 });
    case 'prelu':
      if (prelu === undefined) throw new Error('reglab kernels: _FusedMatMul prelu needs preluActivationWeights');
      return callStock('Prelu', { x, alpha: prelu }, backend, {});
    default:
      throw new Error(`reglab kernels: _FusedMatMul activation ${String(attrs.activation)} is not supported on wasm`);
  }
}

/** matMul, then bias and activation as separate kernels (for shapes XNNPACK cannot take fused). */
function unfused(
  inputs: { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo; prelu?: tf.TensorInfo },
  attrs: tf.NamedAttrMap,
  backend: BackendWasm,
): tf.TensorInfo {
  const product = batchMatMul({ inputs: { a: inputs.a, b: inputs.b }, backend, attrs: { transposeA: attrs.transposeA, transposeB: attrs.transposeB } });
  const biased = inputs.bias ? callStock('Add', { a: product, b: inputs.bias }, backend, {}) : product;
  if (biased !== product) disposeTemp(product, backend);
  const out = activate(biased, attrs, inputs.prelu, backend);
  if (out !== biased) disposeTemp(biased, backend);
  return out;
}

/**
 * Replacement kernelFunc for `_FusedMatMul` on wasm (matMul + bias + activation, used by
 * tf.layers.dense and matMul gradients).
 *
 * Besides speed this fixes a correctness bug: the stock naive loop adds the bias once per
 * 48-wide block of k and indexes a 1-D bias by i·n + j (clamped), so any transposed or
 * batched fused product with a bias is wrong in stock tfjs-backend-wasm 4.22 (see
 * test/kernels/mat-mul.test.ts). Here transposes are materialized and a shared-weight batch
 * is folded into rows so the stock XNNPACK path runs; anything else is computed unfused.
 */
export function fusedMatMul(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const attrs = args.attrs ?? {};
  const { a, b, bias, preluActivationWeights: prelu } = args.inputs as Record<string, tf.TensorInfo | undefined> as {
    a: tf.TensorInfo;
    b: tf.TensorInfo;
    bias?: tf.TensorInfo;
    preluActivationWeights?: tf.TensorInfo;
  };
  const transposeA = Boolean(attrs.transposeA);
  const transposeB = Boolean(attrs.transposeB);
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return callStock('_FusedMatMul', args.inputs, backend, attrs);
  const d = matMulDims(a, b, transposeA, transposeB);
  const stockIsFast = !transposeA && !transposeB && d.batchA === 1 && d.batchB === 1;
  if (stockIsFast) return callStock('_FusedMatMul', args.inputs, backend, attrs);
  const foldable = d.batchB === 1 && perColumn(bias, d.n, false) && perColumn(prelu, d.n, true);
  if (!foldable) return unfused({ a, b, bias, prelu }, attrs, backend);
  const ops = materialize(a, b, transposeA, transposeB, backend);
  try {
    const inputs: tf.NamedTensorInfoMap = {
      a: reshapeView(ops.a, [1, d.batchA * d.m, d.k]),
      b: reshapeView(ops.b, [1, d.k, d.n]),
    };
    if (bias) inputs.bias = bias;
    if (prelu) inputs.preluActivationWeights = prelu;
    const out = callStock('_FusedMatMul', inputs, backend, { ...attrs, transposeA: false, transposeB: false });
    return { ...out, shape: [...d.outerOut, d.m, d.n] };
  } finally {
    for (const t of ops.owned) disposeTemp(t, backend);
  }
}
