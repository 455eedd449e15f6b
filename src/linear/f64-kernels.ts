// Float64 vector kernels of the linear solvers — dot, axpy, and the packing and 2×4 block kernels
// of the Gram pass (src/linear/gram-blocks.ts) — as a small
// WebAssembly SIMD module (f64x2) assembled here byte by byte, like src/kernels/adam-simd.ts, and
// run on a heap of its own. Plain loops are the fallback where WebAssembly SIMD is missing.
//
// Lengths given to the SIMD entry points are multiples of 4 elements: the solvers lay vectors
// and columns out with a padded leading dimension (zeros past the end), so no tail code is needed
// inside the module; `dot`/`axpy` of other lengths finish the last ≤ 3 elements in JavaScript.
// The memory is shared (SharedArrayBuffer), so a worker thread can run the Gram kernel on it too.
import type { SharedHeapParts } from './gram-blocks';
import { env } from '../env';
import { ascii, F64, get, I32, I32_ADD, I32_GE_U, section, set, simd, sleb, uleb, V128 } from '../wasm/encoding';

/** A float64 heap with bump allocation, and the kernels that work on element offsets into it. */
export interface F64Heap {
  /**
   * The heap (a view of the wasm memory, or a plain array). Offsets below index it. `alloc` may
   * grow the heap and replace this view: read it again after allocating.
   */
  readonly f64: Float64Array;
  /** Whether the kernels run as WebAssembly SIMD. */
  readonly simd: boolean;
  /** The module and shared memory behind a SIMD heap, for a worker thread to run on too. */
  readonly shared?: SharedHeapParts;
  /**
   * Reserves `length` elements (32-byte aligned) and returns their offset; grows the heap if
   * needed. Zeroed unless `zero` is false (for workspaces that are written in full).
   */
  alloc(length: number, zero?: boolean): number;
  /** Hands the memory back for the next heap to reuse; the heap must not be used afterwards. */
  dispose(): void;
  /** Current allocation mark, for {@link F64Heap.release}. */
  mark(): number;
  /** Frees everything allocated after `mark`. */
  release(mark: number): void;
  /** Σ_{i<n} f64[a + i]·f64[b + i]. */
  dot(a: number, b: number, n: number): number;
  /** f64[y + i] += alpha·f64[x + i] for i < n. */
  axpy(alpha: number, x: number, y: number, n: number): void;
  /**
   * Column-major copy of a row-major matrix: f64[dst + j·ld + i] = f64[src + i·stride + j] for
   * i < rows, j < cols (rows a multiple of 4, cols even; the two regions must not overlap).
   */
  transpose(src: number, stride: number, rows: number, cols: number, dst: number, ld: number): void;
}

/** Rounds n up to a multiple of 4 (the padded leading dimension). */
export function pad4(n: number): number {
  return (n + 3) & ~3;
}

// ---------------------------------------------------------------- the module's bytes

const i32const = (v: number): number[] => [0x41, ...sleb(v)];
const I32_SUB = [0x6b];
const I32_LT_U = [0x49];
const load = (offset = 0): number[] => [...simd(0x00), 0x00, ...uleb(offset)]; // v128.load align=1
const store = (offset = 0): number[] => [...simd(0x0b), 0x00, ...uleb(offset)];
const SPLAT = simd(0x14); // f64x2.splat
const LANE = (k: number): number[] => [...simd(0x21), k]; // f64x2.extract_lane
const ADD = simd(0xf0); // f64x2.add
const MUL = simd(0xf2); // f64x2.mul
const F64_ADD = [0xa0];
const F64_LOAD = (offset: number): number[] => [0x2b, 0x03, ...uleb(offset)];
const F64_STORE = (offset: number): number[] => [0x39, 0x03, ...uleb(offset)];
const LOOP_START = [0x02, 0x40, 0x03, 0x40]; // block, loop
const LOOP_END = [0x0c, 0x00, 0x0b, 0x0b]; // br loop; end loop; end block
const breakIfDone = (i: number, bytes: number): number[] => [...get(i), ...get(bytes), ...I32_GE_U, 0x0d, 0x01];
const at = (base: number, i: number): number[] => [...get(base), ...get(i), ...I32_ADD];
/** acc ← acc + x·y with x, y already on the stack as v128 (leaves nothing). */
const madd = (acc: number, x: number[], y: number[]): number[] => [...get(acc), ...x, ...y, ...MUL, ...ADD, ...set(acc)];
const hsum = (acc: number): number[] => [...get(acc), ...LANE(0), ...get(acc), ...LANE(1), ...F64_ADD];
const I32_EQZ = [0x45];
const V128_ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
/** Outer loop over `count` items: block, loop, exit when count is 0 (closed by OUTER_END). */
const outerLoop = (count: number): number[] => [...LOOP_START, ...get(count), ...I32_EQZ, 0x0d, 0x01];
const OUTER_END = LOOP_END;
const addTo = (local: number, v: number[]): number[] => [...get(local), ...v, ...I32_ADD, ...set(local)];

/**
 * dot(a, b, bytes) → f64 (bytes a positive multiple of 32): four accumulators over 64-byte steps,
 * so that the additions of one step do not wait for the previous step's (short vectors of
 * coordinate descent are latency-bound), then one 32-byte step if left; the four are summed as
 * (s₀ + s₂) + (s₁ + s₃).
 */
function dotBody(): number[] {
  const [A, B, BYTES, I, LIM, S0, S1, S2, S3] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const step = (accs: number[]): number[] =>
    accs.flatMap((acc, k) => madd(acc, [...at(A, I), ...load(16 * k)], [...at(B, I), ...load(16 * k)]));
  const code = [...get(BYTES), ...i32const(32), ...I32_SUB, ...set(LIM)];
  code.push(...LOOP_START, ...breakIfDone(I, LIM), ...step([S0, S1, S2, S3]));
  code.push(...addTo(I, i32const(64)), ...LOOP_END);
  code.push(...get(I), ...get(BYTES), ...I32_LT_U, 0x04, 0x40, ...step([S0, S1]), 0x0b); // if I < bytes: the last 32
  code.push(...get(S0), ...get(S2), ...ADD, ...get(S1), ...get(S3), ...ADD, ...ADD, ...set(S0), ...hsum(S0), 0x0b);
  return [0x02, 0x02, I32, 0x04, V128, ...code];
}

/** axpy(x, y, bytes, alpha): y += alpha·x over 32-byte steps. */
function axpyBody(): number[] {
  const [X, Y, BYTES, ALPHA, I, VA] = [0, 1, 2, 3, 4, 5];
  const code = [...get(ALPHA), ...SPLAT, ...set(VA), ...LOOP_START, ...breakIfDone(I, BYTES)];
  for (const off of [0, 16]) {
    code.push(...at(Y, I), ...at(Y, I), ...load(off), ...get(VA), ...at(X, I), ...load(off), ...MUL, ...ADD, ...store(off));
  }
  code.push(...get(I), ...i32const(32), ...I32_ADD, ...set(I), ...LOOP_END, 0x0b);
  return [0x02, 0x01, I32, 0x01, V128, ...code];
}


/**
 * pack(src, ld, dst, bytes, count): the panel layout of the Gram kernel. For each of `count`
 * groups of 4 columns (column stride `ld` bytes, `bytes` bytes long each, from `src`), writes per
 * 2-row step the 64 bytes [c₀(i, i+1), c₁(i, i+1), c₂(i, i+1), c₃(i, i+1)] at dst, dst + 64, …
 */
function packBody(): number[] {
  const [SRC, LD, DST, BYTES, COUNT] = [0, 1, 2, 3, 4];
  const [I, S1, S2, S3] = [5, 6, 7, 8];
  const code = [...outerLoop(COUNT)];
  code.push(...get(SRC), ...get(LD), ...I32_ADD, ...set(S1), ...get(S1), ...get(LD), ...I32_ADD, ...set(S2));
  code.push(...get(S2), ...get(LD), ...I32_ADD, ...set(S3), ...i32const(0), ...set(I));
  code.push(...LOOP_START, ...breakIfDone(I, BYTES));
  [SRC, S1, S2, S3].forEach((col, c) => code.push(...get(DST), ...at(col, I), ...load(0), ...store(16 * c)));
  code.push(...addTo(DST, i32const(64)), ...addTo(I, i32const(16)), ...LOOP_END);
  code.push(...get(S3), ...get(LD), ...I32_ADD, ...set(SRC), ...get(COUNT), ...i32const(1), ...I32_SUB, ...set(COUNT));
  code.push(...OUTER_END, 0x0b);
  return [0x01, 0x04, I32, ...code];
}

/**
 * panel(a, b, bytes, out, count): `count` consecutive 2×4 Gram blocks on packed panels (see
 * {@link packBody}): out[k·8 + r·4 + c] += Σ_i B_r(i)·A_{k,c}(i), where the pair B sits at `b`
 * (lanes r = 0, 1 of each 64-byte step) and group k of A at a + k·bytes. `bytes` is a multiple of
 * 128 (the loop takes two steps at a time); every load uses a constant offset from one pointer.
 */
function panelBody(): number[] {
  const [A, B, BYTES, OUT, COUNT] = [0, 1, 2, 3, 4];
  const [I, PA, PB] = [5, 6, 7];
  const ACC = 8; // 8 accumulators: ACC + r·4 + c
  const [VB0, VB1, VA] = [16, 17, 18];
  const code = [...outerLoop(COUNT)];
  for (let k = 0; k < 8; k++) code.push(...V128_ZERO, ...set(ACC + k));
  code.push(...i32const(0), ...set(I), ...LOOP_START, ...breakIfDone(I, BYTES));
  code.push(...at(A, I), ...set(PA), ...at(B, I), ...set(PB));
  code.push(...get(PB), ...load(0), ...set(VB0), ...get(PB), ...load(16), ...set(VB1));
  for (let c = 0; c < 4; c++) {
    code.push(...get(PA), ...load(16 * c), ...set(VA));
    code.push(...madd(ACC + c, get(VA), get(VB0)), ...madd(ACC + 4 + c, get(VA), get(VB1)));
  }
  code.push(...addTo(I, i32const(64)), ...LOOP_END);
  for (let k = 0; k < 8; k++) code.push(...get(OUT), ...get(OUT), ...F64_LOAD(8 * k), ...hsum(ACC + k), ...F64_ADD, ...F64_STORE(8 * k));
  code.push(...addTo(A, get(BYTES)), ...addTo(OUT, i32const(64)), ...get(COUNT), ...i32const(1), ...I32_SUB, ...set(COUNT));
  code.push(...OUTER_END, 0x0b);
  return [0x02, 0x03, I32, 0x0b, V128, ...code];
}

/** i8x16.shuffle taking f64 lane `x` of the first operand and lane `y` of the second. */
const shuffle = (x: number, y: number): number[] => [
  ...simd(0x0d), ...Array.from({ length: 8 }, (_, k) => 8 * x + k), ...Array.from({ length: 8 }, (_, k) => 16 + 8 * y + k),
];

/**
 * transpose(src, ss, dst, ds, count, bytes): column-major copy of `count` groups of 4 rows of a
 * row-major matrix (row stride `ss` bytes, `bytes` bytes per row, a multiple of 16). For each
 * 4×2 block, rows i … i+3 at columns (j, j+1) become the 32 bytes dst[j·ds + i·8 …] and
 * dst[(j+1)·ds + i·8 …], so every destination line is written in runs of 32 bytes.
 */
function transposeBody(): number[] {
  const [SRC, SS, DST, DS, COUNT, BYTES] = [0, 1, 2, 3, 4, 5];
  const [J, S1, S2, S3, D] = [6, 7, 8, 9, 10];
  const [V0, V1, V2, V3] = [11, 12, 13, 14];
  const rows = [SRC, S1, S2, S3];
  const vs = [V0, V1, V2, V3];
  const code = [...outerLoop(COUNT)];
  code.push(...get(SRC), ...get(SS), ...I32_ADD, ...set(S1), ...get(S1), ...get(SS), ...I32_ADD, ...set(S2));
  code.push(...get(S2), ...get(SS), ...I32_ADD, ...set(S3), ...get(DST), ...set(D), ...i32const(0), ...set(J));
  code.push(...LOOP_START, ...breakIfDone(J, BYTES));
  rows.forEach((row, k) => code.push(...at(row, J), ...load(0), ...set(vs[k])));
  for (const lane of [0, 1]) {
    code.push(...get(D), ...get(V0), ...get(V1), ...shuffle(lane, lane), ...store(0));
    code.push(...get(D), ...get(V2), ...get(V3), ...shuffle(lane, lane), ...store(16));
    code.push(...addTo(D, get(DS)));
  }
  code.push(...addTo(J, i32const(16)), ...LOOP_END);
  code.push(...get(S3), ...get(SS), ...I32_ADD, ...set(SRC), ...addTo(DST, i32const(32)));
  code.push(...get(COUNT), ...i32const(1), ...I32_SUB, ...set(COUNT), ...OUTER_END, 0x0b);
  return [0x02, 0x05, I32, 0x04, V128, ...code];
}

/** The module's bytes: imports env.memory, exports dot, axpy, pack, panel, transpose. */
export function f64ModuleBytes(): Uint8Array {
  const types = [
    0x04,
    0x60, 3, I32, I32, I32, 1, F64, // dot
    0x60, 4, I32, I32, I32, F64, 0, // axpy
    0x60, 5, I32, I32, I32, I32, I32, 0, // pack, panel
    0x60, 6, I32, I32, I32, I32, I32, I32, 0, // transpose
  ];
  // env.memory: shared, 1 page minimum, MAX_PAGES maximum (limits flag 3)
  const imports = [0x01, ...ascii('env'), ...ascii('memory'), 0x02, 0x03, 0x01, ...uleb(MAX_PAGES)];
  const functions = [0x05, 0x00, 0x01, 0x02, 0x02, 0x03];
  const names = ['dot', 'axpy', 'pack', 'panel', 'transpose'];
  const exports = [names.length, ...names.flatMap((name, k) => [...ascii(name), 0x00, k])];
  const bodies = [dotBody(), axpyBody(), packBody(), panelBody(), transposeBody()];
  const code = [bodies.length, ...bodies.flatMap((b) => [...uleb(b.length), ...b])];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types), ...section(2, imports), ...section(3, functions), ...section(7, exports), ...section(10, code),
  ]);
}

// ---------------------------------------------------------------- heaps

interface Exports {
  dot(a: number, b: number, bytes: number): number;
  axpy(x: number, y: number, bytes: number, alpha: number): void;
  pack(src: number, ld: number, dst: number, bytes: number, count: number): void;
  panel(a: number, b: number, bytes: number, out: number, count: number): void;
  transpose(src: number, ss: number, dst: number, ds: number, count: number, bytes: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

function module(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = f64ModuleBytes() as BufferSource; // (TS ≥ 5.7 types typed arrays' buffers)
      compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Largest heap put in wasm memory (wasm32 addresses 4 GiB; stay well below). */
const MAX_WASM_ELEMENTS = 2 ** 28; // 2 GiB
const PAGE = 65536;
const MAX_PAGES = (MAX_WASM_ELEMENTS * 8) / PAGE;
/** A disposed memory kept for the next heap (saves allocating and faulting in its pages again). */
let spare: WebAssembly.Memory | undefined;
const SPARE_MAX_BYTES = 2 ** 28; // keep at most 256 MiB around
const instances = new WeakMap<WebAssembly.Memory, Exports>();

/**
 * A heap for `capacity` float64 elements (it grows on demand): wasm memory with SIMD kernels when
 * available (and `REGLAB_LINEAR_SIMD` is not '0'), else a plain Float64Array with the same kernels
 * in JavaScript.
 */
export function f64Heap(capacity: number): F64Heap {
  const size = pad4(Math.max(4, capacity));
  const mod = env.linearSimd() === false || size > MAX_WASM_ELEMENTS ? null : module();
  if (!mod) return jsHeap(size);
  let memory: WebAssembly.Memory;
  if (spare && spare.buffer.byteLength >= size * 8) {
    memory = spare;
    spare = undefined;
  } else {
    memory = new WebAssembly.Memory({ initial: Math.ceil((size * 8) / PAGE), maximum: MAX_PAGES, shared: true });
  }
  let ex = instances.get(memory);
  if (!ex) {
    ex = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as Exports;
    instances.set(memory, ex);
  }
  return wasmHeap(memory, ex, mod);
}

/** Bump allocation over a heap whose storage `grow(minElements)` can enlarge. */
function bump(view: () => Float64Array, grow: (elements: number) => void): Pick<F64Heap, 'alloc' | 'mark' | 'release'> {
  let top = 0;
  return {
    alloc(length: number, zero = true): number {
      const off = top;
      const len = pad4(length);
      if (off + len > view().length) grow(Math.max(off + len, Math.ceil(view().length * 1.5)));
      top += len;
      if (zero) view().fill(0, off, off + len);
      return off;
    },
    mark: () => top,
    release(mark: number): void {
      top = mark;
    },
  };
}

function wasmHeap(memory: WebAssembly.Memory, ex: Exports, mod: WebAssembly.Module): F64Heap {
  let f64 = new Float64Array(memory.buffer);
  const grow = (elements: number): void => {
    if (elements > MAX_WASM_ELEMENTS) throw new RangeError(`reglab linear: a workspace of ${elements} float64 values is beyond the 2 GiB wasm heap`);
    memory.grow(Math.ceil((elements * 8 - memory.buffer.byteLength) / PAGE));
    f64 = new Float64Array(memory.buffer);
  };
  return {
    get f64() {
      return f64;
    },
    simd: true,
    shared: { module: mod, memory, pack: ex.pack, panel: ex.panel },
    ...bump(() => f64, grow),
    dispose() {
      if (memory.buffer.byteLength <= SPARE_MAX_BYTES && (!spare || spare.buffer.byteLength < memory.buffer.byteLength)) spare = memory;
    },
    dot(a, b, n) {
      const n4 = n & ~3;
      let s = n4 > 0 ? ex.dot(a * 8, b * 8, n4 * 8) : 0;
      for (let i = n4; i < n; i++) s += f64[a + i] * f64[b + i];
      return s;
    },
    axpy(alpha, x, y, n) {
      const n4 = n & ~3;
      if (n4 > 0) ex.axpy(x * 8, y * 8, n4 * 8, alpha);
      for (let i = n4; i < n; i++) f64[y + i] += alpha * f64[x + i];
    },
    transpose(src, stride, rows, cols, dst, ld) {
      if (rows > 0 && cols > 0) ex.transpose(src * 8, stride * 8, dst * 8, ld * 8, rows / 4, cols * 8);
    },
  };
}

function jsHeap(size: number): F64Heap {
  let f64 = new Float64Array(size);
  const grow = (elements: number): void => {
    const bigger = new Float64Array(elements);
    bigger.set(f64);
    f64 = bigger;
  };
  return {
    get f64() {
      return f64;
    },
    simd: false,
    ...bump(() => f64, grow),
    dispose() {},
    dot(a, b, n) {
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i + 1 < n; i += 2) {
        s0 += f64[a + i] * f64[b + i];
        s1 += f64[a + i + 1] * f64[b + i + 1];
      }
      if (i < n) s0 += f64[a + i] * f64[b + i];
      return s0 + s1;
    },
    axpy(alpha, x, y, n) {
      for (let i = 0; i < n; i++) f64[y + i] += alpha * f64[x + i];
    },
    transpose(src, stride, rows, cols, dst, ld) {
      for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) f64[dst + j * ld + i] = f64[src + i * stride + j];
    },
  };
}
