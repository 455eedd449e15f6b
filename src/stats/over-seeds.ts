import * as config from '../config';
import { checker, type Checker } from '../args';

/** One metric measured for several arms (variants of an experiment) at each seed. */
export interface SeedResults {
  /** What was measured, e.g. 'test MSE'. */
  metric: string;
  /** The seeds, in the order run. */
  seeds: number[];
  /** arm name → its value at each seed (same order as `seeds`). */
  arms: Record<string, number[]>;
}

/** What one seed of an experiment returns: arm name → metric value. */
export type SeedRun = (seed: number) => Record<string, number> | Promise<Record<string, number>>;

/**
 * Runs `run` once per seed, calling `rl.config.seed(seed)` first (so weight initialization,
 * dropout masks and shuffling follow the seed), and gathers each arm's values.
 * Every seed must return the same arms.
 *
 * ```ts
 * const mse = await rl.stats.overSeeds('test MSE', rl.stats.seeds(seed), async (s) => ({
 *   plain: await fitAndScore(s, 0), ridge: await fitAndScore(s, 1e-2),
 * }));
 * rl.stats.assertEffect(mse, { claim: 'ridge lowers test MSE', better: 'ridge', than: 'plain' });
 * ```
 */
export async function overSeeds(metric: string, seedList: readonly number[], run: SeedRun): Promise<SeedResults> {
  const check = checker('rl.stats.overSeeds');
  check.string('metric', metric);
  seedArray(check, seedList);
  check.func('run', run, 'a function (seed) => { arm: value }');
  const arms: Record<string, number[]> = {};
  for (const [i, s] of seedList.entries()) {
    config.seed(s);
    const row = await run(s);
    const names = Object.keys(row ?? {});
    if (i > 0 && names.sort().join() !== Object.keys(arms).sort().join()) {
      throw new Error(`rl.stats.overSeeds: seed ${s} returned arms ${names.join(', ')}; the first seed returned ${Object.keys(arms).join(', ')}`);
    }
    for (const name of names) {
      const v = row[name];
      if (typeof v !== 'number' || Number.isNaN(v)) {
        throw check.error(`run(${s}).${name}`, 'a number (not NaN)', v, typeof v === 'number' ? 'range' : 'type');
      }
      (arms[name] ??= []).push(v);
    }
  }
  return { metric, seeds: seedList.slice(), arms };
}

/** Builds SeedResults from values already measured (one array per arm, one value per seed). */
export function seedResults(metric: string, seedList: readonly number[], arms: Record<string, readonly number[]>): SeedResults {
  const check = checker('rl.stats.seedResults');
  check.string('metric', metric);
  seedArray(check, seedList);
  for (const [name, values] of Object.entries(check.object<Record<string, unknown>>('arms', arms, 'a record arm → values'))) {
    const must = `an array of ${seedList.length} numbers (one per seed)`;
    if (!Array.isArray(values)) throw check.error(`arms.${name}`, must, values, 'type');
    if (values.length !== seedList.length) throw check.error(`arms.${name}`, must, values);
  }
  return { metric, seeds: seedList.slice(), arms: Object.fromEntries(Object.entries(arms).map(([k, v]) => [k, v.slice()])) };
}

function seedArray(check: Checker, seedList: unknown): void {
  const must = 'a non-empty array of integers';
  if (!Array.isArray(seedList)) throw check.error('seeds', must, seedList, 'type');
  if (seedList.length === 0) throw check.error('seeds', must, seedList);
  seedList.forEach((s, i) => check.number(`seeds[${i}]`, s, { integer: true }));
}
