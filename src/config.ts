/**
 * Run configuration: smoke mode and seeds.
 *
 * ```ts
 * import * as rl from 'reglab';
 * rl.config.seed(42);                                   // reglab's PRNG and Math.random
 * const epochs = rl.config.budget({ full: 200, smoke: 20 });
 * console.log(rl.config.smoke, epochs, rl.config.random());
 * ```
 */
import seedrandom from 'seedrandom';
import { checker, show } from './args';
import { env } from './env';

export { env, parseFlag } from './env';

/**
 * True when env REGLAB_SMOKE is a true flag (`1`, `true`, `yes`, `on`; `0`, `false`, `no`, `off`
 * or empty are false), read when reglab loads. Every part of reglab (plot included) reads this.
 */
export let smoke: boolean = env.smoke();

/** Turns smoke mode on or off for this process (what REGLAB_SMOKE sets at load). */
export function setSmoke(on: boolean): void {
  smoke = checker('rl.config.setSmoke').boolean('on', on);
}

/** The sizes of one experiment in each mode. */
export interface Budget<T> {
  /** The value used in full mode (the default). */
  full: T;
  /** The value used when smoke mode is on (REGLAB_SMOKE=1). */
  smoke: T;
}

/**
 * The value for the current mode: `sizes.smoke` in smoke mode, else `sizes.full`.
 *
 * ```ts
 * const epochs = rl.config.budget({ full: 300, smoke: 30 });
 * ```
 */
export function budget<T>(sizes: Budget<T>): T {
  const check = checker('rl.config.budget');
  check.options(sizes, ['full', 'smoke'], 'sizes');
  if (sizes === undefined || !('full' in sizes) || !('smoke' in sizes)) {
    throw check.error('sizes', 'an object { full, smoke }', sizes, 'type');
  }
  return smoke ? sizes.smoke : sizes.full;
}

/** A seeded source of random numbers (seedrandom's Alea, 32-bit resolution). */
export interface Prng {
  /** Uniform on [0, 1). */
  random(): number;
  /** Standard normal N(0, 1) by the Box–Muller transform. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A Fisher–Yates shuffled copy of `items`. */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * A seeded generator independent of the global one: the same seed gives the same stream.
 * reglab's data helpers use it so that their `seed` options never disturb `rl.config.random()`.
 *
 * ```ts
 * const g = rl.config.prng(7);
 * g.random(); g.normal(); g.int(10); g.shuffle([1, 2, 3]);
 * ```
 */
export function prng(seedValue: number | string): Prng {
  if (typeof seedValue !== 'string') checker('rl.config.prng').seed('seed', seedValue);
  const uniform = seedrandom.alea(String(seedValue));
  let spare: number | undefined;
  const random = (): number => uniform();
  const normal = (): number => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    // Box–Muller: two uniforms → two independent standard normals; keep the second.
    let u = 0;
    while (u === 0) u = random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const int = (n: number): number => {
    checker('rl.config.prng().int').integer('n', n, 1);
    return Math.floor(random() * n);
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return { random, normal, int, shuffle };
}

/** The untouched Math.random, kept so `unseed()` can restore it. */
const nativeRandom = Math.random;
/** Until `seed()` is called the global generator is seeded from the native Math.random. */
let global: Prng = prng(String(nativeRandom()));
let seeded: number | undefined;

/**
 * Seeds reglab's generator AND replaces `Math.random` with a generator seeded by `n`.
 *
 * TensorFlow.js draws from `Math.random` whenever no explicit seed is given: weight initializers
 * (`glorotUniform`, `heNormal`, …), `tf.dropout` / dropout layers, and the shuffling of batches in
 * `model.fit`. So after `seed(n)` a notebook prints the same numbers on every run on the same
 * backend (different backends may differ in the last floating-point bits).
 *
 * Caveat: `rl.config.random()` after `seed(n)` replays `prng(n)`, the stream that the data
 * helpers use for `{ seed: n }` — give data and `seed()` different numbers when you draw
 * weights with `rl.config.random*()` (tfjs initializers use Math.random and are unaffected).
 *
 * ```ts
 * rl.config.seed(42);
 * const a = rl.config.random();
 * rl.config.seed(42);
 * a === rl.config.random();   // true
 * ```
 */
export function seed(n: number): void {
  checker('rl.config.seed').seed('n', n);
  global = prng(n);
  // A separate stream for Math.random, so reglab's own draws do not shift tfjs's and vice versa.
  const forMath = prng(`Math.random:${n}`);
  Math.random = forMath.random;
  seeded = n;
}

/** Restores the native `Math.random` and an unseeded reglab generator (undoes `seed`). */
export function unseed(): void {
  Math.random = nativeRandom;
  global = prng(String(nativeRandom()));
  seeded = undefined;
}

/** The seed last given to `seed()`, or undefined when unseeded. */
export function currentSeed(): number | undefined {
  return seeded;
}

/** reglab's seeded uniform draw on [0, 1) (seeded by `seed(n)`). */
export function random(): number {
  return global.random();
}

/** reglab's seeded standard normal draw N(0, 1) (Box–Muller over `random()`). */
export function randomNormal(): number {
  return global.normal();
}

