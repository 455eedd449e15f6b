import { colorFor } from './colors';
import { axis, baseLayout, figureOptions, finiteArray, nonEmptyArray, uniqueNames, type CommonOptions, type Figure } from './figure';
import { checker } from '../args';

export interface WeightHistogramOptions extends CommonOptions {
  /** Number of equal-width bins over the common range of all runs. Default: 40. */
  bins?: number;
  /** Normalize counts to a density (area 1) so runs of different sizes compare. Default: false. */
  density?: boolean;
  /** Logarithmic count axis. Default: false. */
  logY?: boolean;
  /** x-axis title. Default: 'weight value'. */
  xTitle?: string;
}

/** Counts of `values` in `bins` equal-width bins over [lo, hi] (the last bin includes hi). */
export function histogramCounts(values: number[], lo: number, hi: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  for (const v of values) {
    const k = width > 0 ? Math.min(bins - 1, Math.floor((v - lo) / width)) : 0;
    counts[k] += 1;
  }
  return counts;
}

/**
 * Overlaid histograms of weights, one per run (colour by run name). Bins are computed here, over
 * the common range, so a million weights make a small figure and the bars of all runs align.
 *
 * ```ts
 * rl.plot.show(rl.plot.weightHistogram([
 *   { name: 'no penalty', weights: Array.from(w0.dataSync()) },
 *   { name: 'L1', weights: Array.from(w1.dataSync()) },
 * ], { bins: 50 }));
 * ```
 */
export function weightHistogram(runs: { name: string; weights: number[] }[], options: WeightHistogramOptions = {}): Figure {
  const check = checker('rl.plot.weightHistogram');
  figureOptions(check, options, ['bins', 'density', 'logY', 'xTitle']);
  nonEmptyArray(check, 'runs', runs);
  const names = uniqueNames(check, 'runs', runs.map((r) => r?.name));
  // A bar per bin goes to the browser: 10 000 bins is already more than pixels.
  const bins = check.integer('bins', options.bins, 1, 40, 10_000);
  check.boolean('density', options.density, false);
  check.boolean('logY', options.logY, false);
  const all = runs.map((r, i) => finiteArray(check, `runs[${i}].weights`, r.weights));
  let lo = Infinity;
  let hi = -Infinity;
  for (const w of all) for (const v of w) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const width = (hi - lo) / bins;
  const centers = Array.from({ length: bins }, (_, k) => lo + (k + 0.5) * width);
  const data = all.map((w, i) => {
    const counts = histogramCounts(w, lo, hi, bins);
    const y = options.density ? counts.map((c) => c / (w.length * width)) : counts;
    return {
      type: 'bar',
      name: names[i],
      x: centers,
      y,
      width: width,
      marker: { color: colorFor(names[i]), line: { width: 0 } },
      opacity: runs.length > 1 ? 0.55 : 0.85,
      hovertemplate: `${names[i]}<br>%{x:.3g}: %{y}<extra></extra>`,
    };
  });
  return {
    data,
    layout: baseLayout(options, {
      barmode: 'overlay',
      bargap: 0,
      xaxis: axis(options.xTitle ?? 'weight value'),
      yaxis: axis(options.density ? 'density' : 'count', options.logY ? { type: 'log' } : {}),
    }),
  };
}
