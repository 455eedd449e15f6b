import { tableBundle } from '../plot/table';
import { sendBundle } from '../plot/display';
import type { SeedResults } from './over-seeds';
import { summarize, type Summary } from './summary';
import { checker } from '../args';

/** The claim "arm `better` beats `than`" and the rule that decides it. */
export interface EffectOptions {
  /** The claim in words, printed with the verdict, e.g. 'L2 lowers the test MSE'. */
  claim: string;
  /** The arm claimed to be better. */
  better: string;
  /** The arm it is compared with (paired by seed), or a fixed threshold. */
  than: string | number;
  /** True when a lower metric is better (losses, errors). Default: true. */
  lowerIsBetter?: boolean;
  /**
   * 'mean-se': the mean paired gain exceeds `minGain` by more than `k` standard errors.
   * 'every-seed': the gain exceeds `minGain` at every seed (for effects larger than the noise).
   * Default: 'mean-se'.
   */
  rule?: 'mean-se' | 'every-seed';
  /** Standard errors the mean gain must clear under 'mean-se'. Default: 2. */
  k?: number;
  /** The gain, in the metric's units, the effect must exceed. Default: 0. */
  minGain?: number;
  /** Significant digits in the table. Default: 4. */
  digits?: number;
  /** Show the per-seed table (display_data in a notebook, text elsewhere). Default: true. */
  show?: boolean;
}

/** The measured effect: per-seed gains (positive = `better` is better) and the verdict. */
export interface Effect extends Summary {
  claim: string;
  /** gain at each seed: than − better when lower is better, better − than otherwise. */
  gains: number[];
  /** True when the rule holds. */
  holds: boolean;
  /** The verdict line that was printed. */
  verdict: string;
}

function arm(results: SeedResults, name: string, where: string): number[] {
  const values = results.arms[name];
  if (!values) {
    throw new RangeError(`rl.stats.${where}: no arm \`${name}\` in the results; arms: ${Object.keys(results.arms).join(', ')}`);
  }
  return values;
}

const fmt = (v: number, digits = 3): string => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(digits)).toString());

/**
 * Measures a paired effect over seeds without asserting it: gainᵢ = thanᵢ − betterᵢ (lower is
 * better) or betterᵢ − thanᵢ, with its mean and standard error, and whether `rule` holds.
 */
export function effect(results: SeedResults, options: EffectOptions): Effect {
  const check = checker('rl.stats.effect');
  check.object('options', options, 'an options object { claim, better, than, … }');
  check.options<EffectOptions>(options, ['claim', 'better', 'than', 'lowerIsBetter', 'rule', 'k', 'minGain', 'digits', 'show']);
  const claim = check.string('claim', options.claim);
  const better = check.string('better', options.better);
  const than = typeof options.than === 'number' ? check.finite('than', options.than) : check.string('than', options.than);
  const lowerIsBetter = check.boolean('lowerIsBetter', options.lowerIsBetter, true);
  const rule = check.oneOf('rule', options.rule, ['mean-se', 'every-seed'] as const, 'mean-se');
  const k = check.nonNegative('k', options.k, 2);
  const minGain = check.finite('minGain', options.minGain, 0);
  if (options.digits !== undefined) check.integer('digits', options.digits, 1, undefined, 100);
  check.boolean('show', options.show, true);
  const b = arm(results, better, 'effect');
  const t = typeof than === 'number' ? b.map(() => than) : arm(results, than, 'effect');
  const gains = b.map((v, i) => (lowerIsBetter ? t[i] - v : v - t[i]));
  const s = summarize(gains);
  const against = typeof than === 'number' ? `the threshold ${fmt(than)}` : `\`${than}\``;
  const n = `${s.n} seed${s.n === 1 ? '' : 's'}`;
  let holds: boolean;
  let detail: string;
  if (rule === 'every-seed') {
    const wins = gains.filter((g) => g > minGain).length;
    holds = wins === s.n;
    detail = `gain > ${fmt(minGain)} at ${wins}/${s.n} seeds (smallest ${fmt(s.min)}; mean ${fmt(s.mean)} ± ${fmt(s.se)} SE)`;
  } else {
    holds = s.n > 1 && s.mean - k * s.se > minGain;
    detail = `mean gain ${fmt(s.mean)} ± ${fmt(s.se)} SE over ${n}; needs mean − ${k}·SE = ${fmt(s.mean - k * s.se)} > ${fmt(minGain)}`;
  }
  const verdict = `${holds ? '✓' : '✗'} ${claim} — \`${better}\` vs ${against} on ${results.metric}: ${detail}`;
  return { ...s, claim, gains, holds, verdict };
}

/** The per-seed table of every arm, with a paired-gain column when `effect` is given. */
export function seedTableRows(results: SeedResults, gains?: number[]): Record<string, unknown>[] {
  const names = Object.keys(results.arms);
  const rows: Record<string, unknown>[] = results.seeds.map((s, i) => ({
    seed: s,
    ...Object.fromEntries(names.map((a) => [a, results.arms[a][i]])),
    ...(gains ? { gain: gains[i] } : {}),
  }));
  const stats = names.map((a) => summarize(results.arms[a]));
  const g = gains ? summarize(gains) : undefined;
  rows.push({ seed: 'mean', ...Object.fromEntries(names.map((a, j) => [a, stats[j].mean])), ...(g ? { gain: g.mean } : {}) });
  rows.push({ seed: 'SE', ...Object.fromEntries(names.map((a, j) => [a, stats[j].se])), ...(g ? { gain: g.se } : {}) });
  return rows;
}

/**
 * Shows the per-seed table of `results` (every arm, mean and standard error rows).
 *
 * ```ts
 * rl.stats.show(mse);
 * ```
 */
export function show(results: SeedResults, options: { digits?: number; title?: string } = {}): void {
  sendBundle(tableBundle(seedTableRows(results), { title: options.title ?? results.metric, digits: options.digits ?? 4 }));
}

/**
 * Asserts a claimed effect measured over seeds, and shows the evidence: the per-seed table with
 * the paired gain, then one verdict line. Throws (failing the cell) when the rule does not hold.
 *
 * With the default rule the mean paired gain ḡ must satisfy ḡ − k·SE(ḡ) > minGain, SE = sd/√n.
 *
 * ```ts
 * rl.stats.assertEffect(mse, { claim: 'ridge lowers test MSE', better: 'ridge', than: 'plain' });
 * rl.stats.assertEffect(zeros, { claim: 'lasso zeroes ≥ 3 weights', better: 'lasso', than: 3,
 *                               lowerIsBetter: false, rule: 'every-seed' });
 * ```
 */
export function assertEffect(results: SeedResults, options: EffectOptions): Effect {
  const e = effect(results, options);
  if (options.show ?? true) {
    const title = `${results.metric}, per seed (gain: ${options.lowerIsBetter ?? true ? 'lower' : 'higher'} is better for \`${options.better}\`)`;
    sendBundle(tableBundle(seedTableRows(results, e.gains), { title, digits: options.digits ?? 4 }));
  }
  console.log(e.verdict);
  if (!e.holds) {
    throw new Error(`rl.stats.assertEffect: the claim does not hold. ${e.verdict}\nper-seed gains: ${e.gains.map((g) => fmt(g, 4)).join(', ')}`);
  }
  return e;
}
