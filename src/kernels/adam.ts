// One-pass Adam update for the wasm backend.
//
// Why: tf.train.adam's applyGradients runs 13 element-wise kernels per variable (mul, add,
// square, div, sqrt, …), each a full pass over memory plus engine bookkeeping; on wasm that is
// ~4 ms per step for a 784·256 + 256·256 MLP, a third of a training step. The kernel below
// reads x, g, m, v once and writes x', m', v' once, four lanes at a time (./adam-simd.ts),
// with the same float32 operations in the same order as tfjs. The optimizer's state (the m/v variables,
// accBeta1/2, iterations) is kept exactly as tfjs keeps it, so getWeights/setWeights,
// serialization and switching backends keep working.
//
//   m' = β₁·m + (1 − β₁)·g
//   v' = β₂·v + (1 − β₂)·g²
//   x' = x − lr · (m' / (1 − β₁ᵗ)) / (√(v' / (1 − β₂ᵗ)) + ε)
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { adamSimdFor } from './adam-simd';
import type { KernelEntry } from './registry';

export const ADAM_KERNEL = 'ReglabAdamUpdate';

interface AdamAttrs {
  beta1: number;
  beta2: number;
  learningRate: number;
  epsilon: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}

/** The backend's WebAssembly.Memory (Emscripten keeps the module's exports on `asm`). */
function wasmMemory(backend: BackendWasm): WebAssembly.Memory | undefined {
  const exports = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm;
  return exports?.memory instanceof WebAssembly.Memory ? exports.memory : undefined;
}

/** Scalar float32 Adam for elements [from, to) (the SIMD tail, or everything without SIMD). */
function adamScalar(
  [xs, gs, ms, vs]: Float32Array[],
  [xo, mo, vo]: Float32Array[],
  a: AdamAttrs,
  from: number,
  to: number,
): void {
  const f = Math.fround;
  const [b1, c1, b2, c2] = [f(a.beta1), f(1 - a.beta1), f(a.beta2), f(1 - a.beta2)];
  const [eps, negLr] = [f(a.epsilon), f(-a.learningRate)];
  for (let i = from; i < to; i++) {
    const gi = gs[i];
    const mi = f(f(ms[i] * b1) + f(gi * c1));
    const vi = f(f(vs[i] * b2) + f(f(gi * gi) * c2));
    mo[i] = mi;
    vo[i] = vi;
    const denominator = f(f(Math.sqrt(f(vi / a.oneMinusAccBeta2))) + eps);
    xo[i] = f(f(f(f(mi / a.oneMinusAccBeta1) / denominator) * negLr) + xs[i]);
  }
}

/** kernelFunc of `ReglabAdamUpdate` on wasm: inputs x, g, m, v (float32, same size) → [x', m', v']. */
function adamUpdate(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const { x, g, m, v } = args.inputs as Record<'x' | 'g' | 'm' | 'v', tf.TensorInfo>;
  const a = args.attrs as unknown as AdamAttrs;
  const outs = [backend.makeOutput(x.shape, 'float32'), backend.makeOutput(x.shape, 'float32'), backend.makeOutput(x.shape, 'float32')];
  const size = tf.util.sizeFromShape(x.shape);
  const memory = wasmMemory(backend);
  const simd = memory ? adamSimdFor(memory) : null;
  const vectorized = simd ? size - (size % 4) : 0;
  if (simd && vectorized > 0) {
    const [px, pg, pm, pv, pxo, pmo, pvo] = [x, g, m, v, ...outs].map((t) => backend.dataIdMap.get(t.dataId)?.memoryOffset as number);
    simd(px, pg, pm, pv, pxo, pmo, pvo, vectorized * 4, a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.oneMinusAccBeta1, a.oneMinusAccBeta2, a.epsilon, -a.learningRate);
  }
  if (vectorized < size) {
    // Views after every allocation: a heap growth detaches earlier ones.
    const inputs = [x, g, m, v].map((t) => backend.typedArrayFromHeap(t) as Float32Array);
    const outputs = outs.map((t) => backend.typedArrayFromHeap(t) as Float32Array);
    adamScalar(inputs, outputs, a, vectorized, size);
  }
  return outs;
}


/** The parts of tf.AdamOptimizer that tfjs keeps private but its applyGradients uses. */
interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  incrementIterations(): void;
}

type ApplyGradients = tf.AdamOptimizer['applyGradients'];
let stockApplyGradients: ApplyGradients | undefined;

function momentSlot(slots: AdamInternals['accumulatedFirstMoment'], i: number, name: string, suffix: string, value: tf.Tensor): tf.Variable {
  if (slots[i] == null) {
    slots[i] = { originalName: `${name}/${suffix}`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
  }
  return slots[i].variable;
}

/** tf.AdamOptimizer.prototype.applyGradients with the per-variable math in one kernel call. */
function fusedApplyGradients(this: tf.AdamOptimizer, variableGradients: Parameters<ApplyGradients>[0]): void {
  const stock = stockApplyGradients as ApplyGradients;
  if (tf.getBackend() !== 'wasm' || tf.getKernel(ADAM_KERNEL, 'wasm') === undefined) {
    stock.call(this, variableGradients);
    return;
  }
  const self = this as unknown as AdamInternals;
  const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
  tf.tidy(() => {
    const oneMinusAccBeta1 = tf.sub(1, self.accBeta1).dataSync()[0];
    const oneMinusAccBeta2 = tf.sub(1, self.accBeta2).dataSync()[0];
    const attrs = { beta1: self.beta1, beta2: self.beta2, learningRate: self.learningRate, epsilon: self.epsilon, oneMinusAccBeta1, oneMinusAccBeta2 };
    names.forEach((name, i) => {
      const value = tf.engine().registeredVariables[name];
      const m = momentSlot(self.accumulatedFirstMoment, i, name, 'm', value);
      const v = momentSlot(self.accumulatedSecondMoment, i, name, 'v', value);
      const gradient: tf.Tensor | undefined = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
      if (gradient == null) return;
      if (value.dtype !== 'float32' || gradient.dtype !== 'float32' || gradient.size !== value.size) {
        throw new Error(`reglab Adam: gradient of ${name} must be float32 of shape [${value.shape}]; received ${gradient.dtype} [${gradient.shape}]`);
      }
      const [x1, m1, v1] = tf.engine().runKernel(ADAM_KERNEL, { x: value, g: gradient, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      m.assign(m1);
      v.assign(v1);
      value.assign(x1);
    });
    self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
    self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
  });
  self.incrementIterations();
}

/**
 * The table entry: a kernel wasm lacks plus a hook routing tf.AdamOptimizer.applyGradients
 * through it while the backend is wasm (tfjs's own update otherwise). A speed kernel.
 */
export const adamKernel: KernelEntry = {
  name: ADAM_KERNEL,
  kind: 'speed',
  kernelFunc: adamUpdate as tf.KernelFunc,
  hooks: {
    attach(): void {
      if (stockApplyGradients !== undefined) return;
      stockApplyGradients = tf.AdamOptimizer.prototype.applyGradients;
      tf.AdamOptimizer.prototype.applyGradients = fusedApplyGradients;
    },
    detach(): void {
      if (stockApplyGradients === undefined) return;
      tf.AdamOptimizer.prototype.applyGradients = stockApplyGradients;
      stockApplyGradients = undefined;
    },
  },
};

/** True while Adam updates go through the fused kernel. */
export function fusedAdamInstalled(): boolean {
  return stockApplyGradients !== undefined;
}
