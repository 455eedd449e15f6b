import * as config from '../config';

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
  if (typeof metric !== 'string' || metric === '') {
    throw new TypeError(`rl.stats.overSeeds: \`metric\` must be a non-empty string; received ${String(metric)}`);
  }
  if (!Array.isArray(seedList) || seedList.length === 0 || !seedList.every((s) => Number.isInteger(s))) {
    throw new TypeError(`rl.stats.overSeeds: \`seeds\` must be a non-empty array of integers; received ${JSON.stringify(seedList)}`);
  }
  if (typeof run !== 'function') {
    throw new TypeError(`rl.stats.overSeeds: \`run\` must be a function (seed) => { arm: value }; received ${typeof run}`);
  }
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
        throw new TypeError(`rl.stats.overSeeds: arm \`${name}\` at seed ${s} must be a number; received ${String(v)}`);
      }
      (arms[name] ??= []).push(v);
    }
  }
  return { metric, seeds: seedList.slice(), arms };
}

/** Builds SeedResults from values already measured (one array per arm, one value per seed). */
export function seedResults(metric: string, seedList: readonly number[], arms: Record<string, readonly number[]>): SeedResults {
  for (const [name, values] of Object.entries(arms)) {
    if (!Array.isArray(values) || values.length !== seedList.length) {
      throw new RangeError(`rl.stats.seedResults: arm \`${name}\` must have one value per seed (${seedList.length}); received ${JSON.stringify(values)}`);
    }
  }
  return { metric, seeds: seedList.slice(), arms: Object.fromEntries(Object.entries(arms).map(([k, v]) => [k, v.slice()])) };
}
