// A 300-byte WebAssembly SIMD function for the Adam update, run directly on tfjs-backend-wasm's
// heap (it imports the backend's WebAssembly.Memory). Plain JavaScript needs ~20 ns per weight
// for this arithmetic here (float64 division and sqrt), slower than tfjs's 13 separate SIMD
// kernels; four lanes per instruction in one pass is ~10× faster than either.
//
// Same float32 operations, in the same order, as tf.train.adam:
//   m' = m·β₁ + g·(1 − β₁);  v' = v·β₂ + (g·g)·(1 − β₂)
//   x' = ((m' / (1 − β₁ᵗ)) / (√(v' / (1 − β₂ᵗ)) + ε))·(−lr) + x

import { ascii, F32, get, I32, I32_ADD, I32_GE_U, section, set, simd, tee, uleb, V128 } from '../wasm/encoding';
/** Signature of the exported function (byte offsets; `bytes` a multiple of 16). */
export type AdamSimd = (
  x: number, g: number, m: number, v: number, xOut: number, mOut: number, vOut: number, bytes: number,
  beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number,
  oneMinusAccBeta1: number, oneMinusAccBeta2: number, epsilon: number, negLearningRate: number,
) => void;

// Opcodes (WebAssembly core + fixed-width SIMD).
const LOAD = [...simd(0x00), 0x00, 0x00]; // v128.load align=1 offset=0
const STORE = [...simd(0x0b), 0x00, 0x00]; // v128.store
const SPLAT = simd(0x13); // f32x4.splat
const SQRT = simd(0xe3);
const ADD = simd(0xe4);
const MUL = simd(0xe6);
const DIV = simd(0xe7);

// Parameter and local indices.
const [X, G, M, V, XO, MO, VO, BYTES] = [0, 1, 2, 3, 4, 5, 6, 7];
const FIRST_SCALAR = 8; // β₁, 1−β₁, β₂, 1−β₂, 1−β₁ᵗ, 1−β₂ᵗ, ε, −lr → splatted into locals 17…24
const I = 16;
const SPLATS = 17;
const [B1, C1, B2, C2, A1, A2, EPS, NLR] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => SPLATS + k);
const [TG, TM, TV] = [25, 26, 27];

const at = (base: number) => [...get(base), ...get(I), ...I32_ADD];

function body(): number[] {
  const code: number[] = [];
  for (let k = 0; k < 8; k++) code.push(...get(FIRST_SCALAR + k), ...SPLAT, ...set(SPLATS + k));
  code.push(0x02, 0x40, 0x03, 0x40); // block, loop
  code.push(...get(I), ...get(BYTES), ...I32_GE_U, 0x0d, 0x01); // if i ≥ bytes: break
  code.push(...at(G), ...LOAD, ...set(TG));
  // m' = m·β₁ + g·(1 − β₁)
  code.push(...at(MO), ...at(M), ...LOAD, ...get(B1), ...MUL, ...get(TG), ...get(C1), ...MUL, ...ADD, ...tee(TM), ...STORE);
  // v' = v·β₂ + (g·g)·(1 − β₂)
  code.push(...at(VO), ...at(V), ...LOAD, ...get(B2), ...MUL, ...get(TG), ...get(TG), ...MUL, ...get(C2), ...MUL, ...ADD, ...tee(TV), ...STORE);
  // x' = ((m'/(1−β₁ᵗ)) / (√(v'/(1−β₂ᵗ)) + ε))·(−lr) + x
  code.push(...at(XO));
  code.push(...get(TM), ...get(A1), ...DIV);
  code.push(...get(TV), ...get(A2), ...DIV, ...SQRT, ...get(EPS), ...ADD);
  code.push(...DIV, ...get(NLR), ...MUL, ...at(X), ...LOAD, ...ADD, ...STORE);
  code.push(...get(I), 0x41, 0x10, ...I32_ADD, ...set(I)); // i += 16
  code.push(0x0c, 0x00, 0x0b, 0x0b); // br loop; end loop; end block
  code.push(0x0b); // end function
  const locals = [0x02, 0x01, I32, 0x0b, V128]; // 1 × i32 (i), 11 × v128
  return [...locals, ...code];
}


/**
 * Limits of the imported memory: at least 1 page; a shared memory (tfjs's threaded build) must be
 * imported as shared, with a maximum no smaller than its own (4 GiB = 65,536 pages there).
 */
const memoryLimits = (shared: boolean): number[] => (shared ? [0x03, 0x01, ...uleb(65536)] : [0x00, 0x01]);

/** The module's bytes: imports env.memory (shared or not), exports `adam`. */
export function adamModuleBytes(shared = false): Uint8Array {
  const type = [0x01, 0x60, 16, ...Array(8).fill(I32), ...Array(8).fill(F32), 0x00];
  const imports = [0x01, ...ascii('env'), ...ascii('memory'), 0x02, ...memoryLimits(shared)];
  const functions = [0x01, 0x00];
  const exports = [0x01, ...ascii('adam'), 0x00, 0x00];
  const b = body();
  const code = [0x01, ...uleb(b.length), ...b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, type), ...section(2, imports), ...section(3, functions), ...section(7, exports), ...section(10, code),
  ]);
}

const instances = new WeakMap<WebAssembly.Memory, AdamSimd | null>();

/** The SIMD Adam function bound to `memory`, or null when this engine cannot run it. */
export function adamSimdFor(memory: WebAssembly.Memory): AdamSimd | null {
  if (!instances.has(memory)) {
    let fn: AdamSimd | null = null;
    try {
      const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      const bytes = adamModuleBytes(shared) as BufferSource; // (TS ≥ 5.7 types typed arrays' buffers)
      if (WebAssembly.validate(bytes)) {
        const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
        fn = instance.exports.adam as AdamSimd;
      }
    } catch {
      fn = null;
    }
    instances.set(memory, fn);
  }
  return instances.get(memory) ?? null;
}
