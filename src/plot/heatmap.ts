import { axis, baseLayout, figureOptions, finiteMatrix, type CommonOptions, type Figure } from './figure';
import { checker } from '../args';

export interface HeatmapOptions extends CommonOptions {
  /** Column labels. Default: 0, 1, … */
  x?: (string | number)[];
  /** Row labels. Default: 0, 1, … */
  y?: (string | number)[];
  /** Axis titles. Default: none. */
  xTitle?: string;
  yTitle?: string;
  /** Plotly colour scale. Default: 'Viridis'. */
  colorscale?: string;
  /** Print each cell's value with this many significant digits. Default: 0 (off). */
  digits?: number;
  /** Colour range. Default: the data range. */
  zmin?: number;
  zmax?: number;
}

/**
 * A heatmap of a matrix `z[row][col]`, row 0 at the top (e.g. validation loss over a grid of
 * λ and dropout rates, or a confusion matrix).
 *
 * ```ts
 * rl.plot.show(rl.plot.heatmap([[0.9, 0.7], [0.6, 0.65]], { x: ['p=0', 'p=0.5'], y: ['λ=0', 'λ=1e-3'], digits: 2 }));
 * ```
 */
export function heatmap(z: number[][], options: HeatmapOptions = {}): Figure {
  const check = checker('rl.plot.heatmap');
  figureOptions(check, options, ['x', 'y', 'xTitle', 'yTitle', 'colorscale', 'digits', 'zmin', 'zmax']);
  const { rows, cols } = finiteMatrix(check, 'z', z);
  for (const [key, n] of [['x', cols], ['y', rows]] as const) {
    const labels = options[key];
    const must = `an array of ${n} labels (one per ${key === 'x' ? 'column' : 'row'})`;
    if (labels !== undefined && !Array.isArray(labels)) throw check.error(key, must, labels, 'type');
    if (labels !== undefined && labels.length !== n) throw check.error(key, must, labels);
  }
  // toPrecision takes 1 … 100 digits; 0 (or undefined) shows no numbers in the cells.
  check.integer('digits', options.digits, 0, 0, 100);
  for (const k of ['zmin', 'zmax'] as const) if (options[k] !== undefined) check.finite(k, options[k]);
  const trace: Record<string, unknown> = {
    type: 'heatmap',
    z,
    x: (options.x ?? Array.from({ length: cols }, (_, j) => j)).map(String),
    y: (options.y ?? Array.from({ length: rows }, (_, i) => i)).map(String),
    colorscale: options.colorscale ?? 'Viridis',
    hovertemplate: '%{y}, %{x}: %{z:.4g}<extra></extra>',
  };
  if (options.zmin !== undefined) trace.zmin = options.zmin;
  if (options.zmax !== undefined) trace.zmax = options.zmax;
  if (options.digits) {
    trace.text = z.map((row) => row.map((v) => Number(v.toPrecision(options.digits)).toString()));
    trace.texttemplate = '%{text}';
  }
  return {
    data: [trace],
    layout: baseLayout(options, {
      xaxis: axis(options.xTitle, { type: 'category', showgrid: false }),
      yaxis: axis(options.yTitle, { type: 'category', autorange: 'reversed', showgrid: false }),
    }),
  };
}
