import * as config from '../config';
import { checker } from '../args';

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
  const check = checker('rl.stats.seeds');
  check.number('base', base, { integer: true });
  check.options<SeedsOptions>(options, ['full', 'smoke']);
  const full = check.integer('full', options.full, 1, 5, 1000);
  const smoke = check.integer('smoke', options.smoke, 1, 3, 1000);
  const count = config.budget({ full, smoke });
  return Array.from({ length: count }, (_, i) => base + i);
}
