import { colorFor } from './colors';
import { axis, baseLayout, figureOptions, finiteArray, integerTicks, nonEmptyArray, uniqueNames, type CommonOptions, type Figure, type Trace } from './figure';
import { checker } from '../args';

/** One training run: per-epoch training and/or validation values of one metric. */
export interface Run {
  /** Run name; also picks the run's colour (same name → same colour in every figure). */
  name: string;
  /** Training values, one per epoch. */
  train?: number[];
  /** Validation values, one per epoch. */
  validation?: number[];
}

export interface LearningCurvesOptions extends CommonOptions {
  /** y-axis title. Default: 'loss'. */
  yTitle?: string;
  /** x-axis title. Default: 'epoch'. */
  xTitle?: string;
  /** Logarithmic y axis (values must be > 0). Default: false. */
  logY?: boolean;
}

/**
 * Learning curves of several runs: training solid, validation dashed, one colour per run name.
 * Epochs are numbered from 1, ticks at whole epochs; a log y axis is labelled in powers of ten.
 *
 * ```ts
 * const fig = rl.plot.learningCurves([
 *   { name: 'no penalty', train: [1, 0.5, 0.2], validation: [1.1, 0.9, 1.0] },
 *   { name: 'L2', train: [1, 0.6, 0.4], validation: [1.0, 0.7, 0.6] },
 * ], { logY: true, title: 'Weight decay' });
 * rl.plot.show(fig);
 * ```
 */
export function learningCurves(runs: Run[], options: LearningCurvesOptions = {}): Figure {
  const check = checker('rl.plot.learningCurves');
  figureOptions(check, options, ['yTitle', 'xTitle', 'logY']);
  const logY = check.boolean('logY', options.logY, false);
  nonEmptyArray<Run>(check, 'runs', runs);
  const names = uniqueNames(check, 'runs', runs.map((r) => r?.name));
  const data: Trace[] = [];
  runs.forEach((run, i) => {
    if (run.train === undefined && run.validation === undefined) {
      throw check.error(`runs[${i}]`, 'a run with `train` or `validation` values', run, 'type');
    }
    const color = colorFor(names[i]);
    for (const split of ['train', 'validation'] as const) {
      const values = run[split];
      if (values === undefined) continue;
      const y = finiteArray(check, `runs[${i}].${split}`, values, { positive: logY });
      data.push({
        type: 'scatter',
        mode: y.length === 1 ? 'markers' : 'lines',
        name: `${names[i]} · ${split}`,
        legendgroup: names[i],
        x: y.map((_, e) => e + 1),
        y,
        line: { color, width: 2, dash: split === 'train' ? 'solid' : 'dash' },
        marker: { color },
        hovertemplate: `${names[i]} ${split}<br>epoch %{x}: %{y:.4g}<extra></extra>`,
      });
    }
  });
  return {
    data,
    layout: baseLayout(options, {
      xaxis: axis(options.xTitle ?? 'epoch', integerTicks(Math.max(1, ...data.map((t) => (t.x as number[]).length)))),
      yaxis: axis(options.yTitle ?? 'loss', options.logY ? { type: 'log' } : {}),
    }),
  };
}
