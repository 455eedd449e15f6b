/**
 * Grid search and random search over a hyperparameter space with a user objective.
 *
 * ```ts
 * const grid = await rl.tuning.gridSearch({ alpha: rl.tuning.logGrid(1e-3, 1e2, 11) },
 *   async ({ alpha }) => (await rl.tuning.crossValidate((X, y) => rl.linear.fitLinear(X, y, { penalty: 'l2', alpha }), X, y)).mean);
 * grid.best.params.alpha;
 * ```
 */
import { prng } from '../config';

import { checkValues, isDistribution, MAX_GRID, type Distribution, type ParamValue } from './space';
import { described, checker, show } from '../args';

/** A grid: for every hyperparameter, the values to try. */
export type GridSpace = Record<string, readonly ParamValue[]>;
/** A random-search space: for every hyperparameter, a distribution or a list of values (sampled uniformly). */
export type RandomSpace = Record<string, Distribution | readonly ParamValue[]>;

/** The parameters of one trial of a grid search over `S`. */
export type GridParams<S extends GridSpace> = { [K in keyof S]: S[K][number] };
/** The parameters of one trial of a random search over `S`. */
export type RandomParams<S extends RandomSpace> = {
  [K in keyof S]: S[K] extends Distribution<infer V> ? V : S[K] extends readonly (infer V)[] ? V : never;
};

/**
 * What a trial is scored by. It receives the parameters and the trial's index and returns the
 * score (a number, or a promise of one). A non-finite score (a diverged run) is recorded but never
 * chosen as the best.
 */
export type Objective<P> = (params: P, index: number) => number | Promise<number>;

/** Options of {@link gridSearch}. */
export interface SearchOptions {
  /** 'min' when a lower score is better (a loss or an error), 'max' for accuracy. Defaults to 'min'. */
  mode?: 'min' | 'max';
  /** Called after every trial (progress reports). Defaults to none. */
  onTrial?: (trial: Trial<Record<string, ParamValue>>) => void;
}

/** Options of {@link randomSearch}. */
export interface RandomSearchOptions extends SearchOptions {
  /** Number of trials (the budget). Defaults to 10. */
  trials?: number;
  /**
   * Seed of the sampler (reglab's seeded PRNG, independent of `rl.config.seed` and Math.random, so
   * drawing the parameters never shifts the randomness of the training itself). Defaults to 0.
   */
  seed?: number;
}

/** One evaluated setting. */
export interface Trial<P> {
  /** 0-based position in the search. */
  index: number;
  params: P;
  score: number;
  /** Wall-clock seconds the objective took. */
  seconds: number;
}

/** What a search returns. */
export interface SearchResult<P> {
  /** Every trial, in the order they ran. */
  trials: Trial<P>[];
  /** The trial with the best finite score (the first one on ties). */
  best: Trial<P>;
  mode: 'min' | 'max';
}

/**
 * Tries every combination of the values in `space` (the Cartesian product; the last key varies
 * fastest) and returns all trials and the best. The number of trials is the product of the list
 * lengths — it grows exponentially with the number of hyperparameters, and each hyperparameter is
 * only ever tried at its few listed values.
 *
 * ```ts
 * const result = await rl.tuning.gridSearch({ x: [0, 1, 2, 3], y: ['a', 'b'] },
 *   ({ x, y }) => (x - 2) ** 2 + (y === 'a' ? 0 : 1));
 * result.best.params;        // { x: 2, y: 'a' }
 * result.trials.length;      // 8
 * ```
 */
export async function gridSearch<S extends GridSpace>(
  space: S,
  objective: Objective<GridParams<S>>,
  options?: SearchOptions,
): Promise<SearchResult<GridParams<S>>> {
  const where = 'rl.tuning.gridSearch';
  const o = checker(where).options<SearchOptions>(options, ['mode', 'onTrial']);
  const keys = spaceKeys(where, space);
  const lists = keys.map((k) => checkValues<ParamValue>(where, `space.${k}`, space[k]));
  const settings: Record<string, ParamValue>[] = [];
  const counters = keys.map(() => 0);
  const total = lists.reduce((n, l) => n * l.length, 1);
  if (total > MAX_GRID) {
    throw checker(where).error('space', `a grid of at most ${MAX_GRID} settings (${lists.map((l) => l.length).join(' × ')} = ${total})`, space);
  }
  for (let t = 0; t < total; t++) {
    settings.push(Object.fromEntries(keys.map((k, i) => [k, lists[i][counters[i]]])));
    for (let i = keys.length - 1; i >= 0; i--) {
      counters[i] += 1;
      if (counters[i] < lists[i].length) break;
      counters[i] = 0;
    }
  }
  return run(where, settings as GridParams<S>[], objective, o);
}

/**
 * Draws `trials` independent settings from `space` (a distribution per hyperparameter, or a list
 * sampled uniformly) and evaluates them. With the same budget as a grid, every trial tries a new
 * value of *every* hyperparameter, so when only a few of them matter, random search covers those
 * few much more densely (Bergstra & Bengio, JMLR 2012).
 *
 * ```ts
 * const result = await rl.tuning.randomSearch(
 *   { learningRate: rl.tuning.logUniform(1e-4, 1e-1), rate: rl.tuning.uniform(0, 0.6) },
 *   async ({ learningRate, rate }) => trainAndValidate(learningRate, rate),
 *   { trials: 9, seed: 0 });
 * ```
 */
export async function randomSearch<S extends RandomSpace>(
  space: S,
  objective: Objective<RandomParams<S>>,
  options?: RandomSearchOptions,
): Promise<SearchResult<RandomParams<S>>> {
  const where = 'rl.tuning.randomSearch';
  const check = checker(where);
  const o = check.options<RandomSearchOptions>(options, ['mode', 'onTrial', 'trials', 'seed']);
  const trials = check.integer('trials', o.trials, 1, 10, MAX_GRID);
  const seed = check.seed('seed', o.seed, 0);
  const keys = spaceKeys(where, space);
  const samplers = keys.map((k) => {
    const d = space[k];
    if (isDistribution(d)) return d;
    const values = checkValues<ParamValue>(where, `space.${k}`, d);
    return { kind: 'choice', sample: (random: () => number) => values[Math.floor(values.length * random())] } as Distribution;
  });
  const g = prng(`tuning.randomSearch:${seed}`);
  const settings = Array.from({ length: trials }, () => Object.fromEntries(keys.map((k, i) => [k, samplers[i].sample(g.random)])));
  return run(where, settings as RandomParams<S>[], objective, o);
}

function spaceKeys(where: string, space: unknown): string[] {
  const check = checker(where);
  const keys = Object.keys(check.object('space', space, 'an object { name: values }'));
  if (keys.length === 0) throw check.error('space', 'an object naming at least one hyperparameter', space);
  return keys;
}

async function run<P>(where: string, settings: P[], objective: Objective<P>, o: Partial<SearchOptions>): Promise<SearchResult<P>> {
  const check = checker(where);
  check.func('objective', objective, 'a function (params, index) => score');
  const mode = check.oneOf('mode', o.mode, ['min', 'max'] as const, 'min');
  if (o.onTrial !== undefined) check.func('onTrial', o.onTrial, 'a function (trial) => void');
  if (settings.length > MAX_GRID) throw check.error('space', `a grid of at most ${MAX_GRID} settings`, described(`${settings.length} settings`));
  const trials: Trial<P>[] = [];
  for (const [index, params] of settings.entries()) {
    const start = performance.now();
    const score = await objective({ ...params }, index);
    if (typeof score !== 'number') throw check.error('objective', `a function returning a number (for ${show(params)})`, score, 'type');
    const trial = { index, params, score, seconds: (performance.now() - start) / 1000 };
    trials.push(trial);
    o.onTrial?.(trial as unknown as Trial<Record<string, ParamValue>>);
  }
  const better = (a: number, b: number): boolean => (mode === 'min' ? a < b : a > b);
  let best: Trial<P> | undefined;
  for (const t of trials) if (Number.isFinite(t.score) && (best === undefined || better(t.score, best.score))) best = t;
  if (best === undefined) throw new Error(`${where}: every one of the ${trials.length} trials returned a non-finite score`);
  return { trials, best, mode };
}
