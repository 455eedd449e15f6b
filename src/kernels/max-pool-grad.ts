// MaxPoolGrad for tfjs-backend-wasm that routes each output's gradient to its window's maximum.
//
// Why: the stock wasm MaxPoolGrad of tfjs-backend-wasm 4.22 behaves as if each window's running
// maximum started at 0 instead of −∞: a window whose maximum is negative sends its dy to the
// window's first element instead of the argmax, and an all-zero window can lose its dy. Measured:
// x = [−1, −2, −3, −0.5] (one 2×2 window), dy = 5 → stock dx = [5, 0, 0, 0], cpu and the
// definition [0, 0, 0, 5]; on random normal x [2, 8, 8, 3], 2×2/2 'valid', random dy, the stock
// dx is off by up to 0.78. Harmless when ReLU's zero gradient hides those windows (ReLU → pool:
// all-zero windows; pool → ReLU: negative maxima), wrong otherwise: pool → ELU/tanh/linear or
// batch norm, pooling raw inputs. In conv → BN → max-pool → ELU the stock kernel puts a 27%
// error into the first conv's filter gradient (test/kernels/conv2d-backprop-filter.test.ts).
//
//   dx[b, u, v, c] = Σ_{(i, j) : argmax of window (i, j) is (u, v)} dy[b, i, j, c]
//   window (i, j) = rows i·sh − pt … + fh − 1, columns j·sw − pl … + fw − 1 (inside the input);
//   the argmax is the first maximum in row-major window order, as in tfjs-backend-cpu.
//
// One pass over the outputs in JavaScript on the wasm heap: k·k reads per output.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { installKernel, restoreKernel, type KernelEntry } from './registry';

/** Attrs tfjs-core passes to MaxPoolGrad (kernel_names.d.ts `MaxPoolGradAttrs`). */
interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const MAX_POOL_GRAD = 'MaxPoolGrad';

function heapIndex(info: tf.TensorInfo, backend: BackendWasm): number {
  return (backend.dataIdMap.get(info.dataId) as { memoryOffset: number }).memoryOffset >>> 2;
}

/** kernelFunc for `MaxPoolGrad` on wasm (inputs dy, input, output; NHWC; float32). */
export function maxPoolGrad(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const attrs = (args.attrs ?? {}) as unknown as MaxPoolGradAttrs;
  for (const [name, t] of [['dy', dy], ['input', input]] as const) {
    if (t.dtype !== 'float32') throw new Error(`reglab MaxPoolGrad (wasm): \`${name}\` must be float32; received ${t.dtype}`);
  }
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { top: pt, left: pl } = info.padInfo;
  const expected = [batchSize, oh, ow, c];
  if (dy.shape.length !== 4 || dy.shape.some((n, i) => n !== expected[i])) {
    throw new Error(`reglab MaxPoolGrad (wasm): \`dy\` must have shape [${expected}]; received [${dy.shape}]`);
  }
  const dx = backend.makeOutput(input.shape, 'float32');
  const heap = new Float32Array((backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer); // after makeOutput
  const xo = heapIndex(input, backend);
  const dyo = heapIndex(dy, backend);
  const dxo = heapIndex(dx, backend);
  heap.fill(0, dxo, dxo + batchSize * h * w * c);
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < oh; i++) {
      const u0 = Math.max(0, i * sh - pt);
      const u1 = Math.min(h, i * sh - pt + fh);
      for (let j = 0; j < ow; j++) {
        const v0 = Math.max(0, j * sw - pl);
        const v1 = Math.min(w, j * sw - pl + fw);
        const out = dyo + ((b * oh + i) * ow + j) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let u = u0; u < u1; u++) {
            for (let v = v0, p = ((b * h + u) * w + v0) * c + ch; v < v1; v++, p += c) {
              if (heap[xo + p] > best) {
                best = heap[xo + p];
                at = p;
              }
            }
          }
          if (at >= 0) heap[dxo + at] += heap[out + ch];
        }
      }
    }
  }
  return dx;
}

/** The table entry (a fix: installed even with REGLAB_WASM_KERNELS=stock). */
export const maxPoolGradKernel: KernelEntry = { name: MAX_POOL_GRAD, kind: 'fix', kernelFunc: maxPoolGrad as tf.KernelFunc };

/** Replaces the stock wasm MaxPoolGrad with {@link maxPoolGrad} (idempotent). @returns whether ours is registered. */
export function registerMaxPoolGrad(): boolean {
  return installKernel(maxPoolGradKernel);
}

/** Puts the stock wasm MaxPoolGrad back (for tests that show its bug). @returns whether it did. */
export function restoreStockMaxPoolGrad(): boolean {
  return restoreKernel(maxPoolGradKernel);
}
