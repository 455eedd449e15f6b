import * as config from '../config';

/** How many seeds an experiment repeats over, per mode. */
export interface SeedsOptions {
  /** Seeds in full mode. Default: 5. */
  full?: number;
  /** Seeds in smoke mode (REGLAB_SMOKE=1). Default: 3. */
  smoke?: number;
}

/**
 * The seeds of a repeated experiment: `base, base + 1, …` — 5 in full mode, 3 in smoke mode
 * unless told otherwise. A notebook passes its `seed` parameter, so `-p seed=7` moves every run.
 *
 * ```ts
 * rl.stats.seeds(seed);                       // [seed, seed + 1, …, seed + 4] in full mode
 * rl.stats.seeds(seed, { full: 8, smoke: 4 });
 * ```
 */
export function seeds(base: number, options: SeedsOptions = {}): number[] {
  if (typeof base !== 'number' || !Number.isInteger(base)) {
    throw new TypeError(`rl.stats.seeds: \`base\` must be an integer; received ${String(base)}`);
  }
  const count = config.budget({ full: options.full ?? 5, smoke: options.smoke ?? 3 });
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new RangeError(`rl.stats.seeds: the number of seeds must be an integer in [1, 1000]; received ${String(count)}`);
  }
  return Array.from({ length: count }, (_, i) => base + i);
}
