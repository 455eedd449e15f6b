import { PALETTE } from './colors';
import { axis, baseLayout, figureOptions, finiteArray, finiteMatrix, type CommonOptions, type Figure, type Trace } from './figure';
import { described, checker, type Checker } from '../args';

export interface DecisionBoundaryOptions extends CommonOptions {
  /** Grid points per axis. Default: 80. */
  resolution?: number;
  /** Margin added around the data range, as a fraction of that range. Default: 0.1. */
  padding?: number;
  /** Class names, indexed by label. Default: 'class 0', 'class 1', … */
  classNames?: string[];
  /** Axis titles. Default: 'x₁', 'x₂'. */
  xTitle?: string;
  yTitle?: string;
}

/**
 * Decision regions of a 2-D classifier: `predict` is called once with every point of a grid
 * covering the data and returns one number per point (a class label, or a probability of class 1);
 * the regions are drawn as a filled contour under the data points, coloured by class.
 *
 * ```ts
 * const predict = (pts: number[][]) => pts.map(([a, b]) => (a + b > 0 ? 1 : 0));
 * rl.plot.show(rl.plot.decisionBoundary(predict, X, y, { title: 'Linear boundary' }));
 * ```
 */
export function decisionBoundary(
  predict: (points: number[][]) => number[] | Float32Array,
  X: number[][],
  y: number[],
  options: DecisionBoundaryOptions = {},
): Figure {
  const check = checker('rl.plot.decisionBoundary');
  figureOptions(check, options, ['resolution', 'padding', 'classNames', 'xTitle', 'yTitle']);
  check.func('predict', predict, 'a function (points) => number[]');
  const { rows, cols } = finiteMatrix(check, 'X', X);
  if (cols !== 2) throw check.error('X', 'a matrix of 2 columns (a 2-D input)', described(`${cols} columns`));
  const labels = finiteArray(check, 'y', y);
  if (labels.length !== rows) throw check.error('y', `an array with one label per row of X (${rows})`, described(`length ${labels.length}`));
  // resolution² grid points go through predict: 1000 (a million points) is the limit.
  const resolution = check.integer('resolution', options.resolution, 2, 80, 1000);
  const pad = check.nonNegative('padding', options.padding, 0.1);
  if (options.classNames !== undefined) nonEmptyStrings(check, 'classNames', options.classNames);
  const grid = (j: number): number[] => {
    const col = X.map((p) => p[j]);
    const lo = Math.min(...col);
    const hi = Math.max(...col);
    const margin = (hi - lo || 1) * pad;
    return Array.from({ length: resolution }, (_, k) => lo - margin + ((hi - lo + 2 * margin) * k) / (resolution - 1));
  };
  const gx = grid(0);
  const gy = grid(1);
  const points: number[][] = [];
  for (const b of gy) for (const a of gx) points.push([a, b]);
  const predicted = Array.from(predict(points) as ArrayLike<number>);
  if (predicted.length !== points.length) {
    throw check.error('predict', `a function returning one number per grid point (${points.length})`, described(`${predicted.length} numbers`));
  }
  finiteArray(check, 'predict(grid)', predicted);
  const z = gy.map((_, r) => predicted.slice(r * resolution, (r + 1) * resolution));
  const classes = [...new Set(labels)].sort((p, q) => p - q);
  const nameOf = (c: number): string => options.classNames?.[c] ?? `class ${c}`;
  const colorOf = (c: number): string => PALETTE[classes.indexOf(c) % PALETTE.length];
  const zMin = Math.min(...predicted);
  const zMax = Math.max(...predicted);
  const twoClass = classes.length <= 2;
  const region: Trace = {
    type: 'contour',
    x: gx,
    y: gy,
    z,
    showscale: false,
    hoverinfo: 'skip',
    opacity: 0.35,
    contours: twoClass ? { coloring: 'fill', start: zMin, end: zMax, size: (zMax - zMin) / 10 || 1 } : { coloring: 'fill' },
    colorscale: twoClass
      ? [[0, colorOf(classes[0] ?? 0)], [0.5, '#ffffff'], [1, colorOf(classes[1] ?? 1)]]
      : classes.map((c, i) => [classes.length === 1 ? 0 : i / (classes.length - 1), colorOf(c)]),
    line: { width: 0 },
    name: 'prediction',
  };
  const scatter: Trace[] = classes.map((c) => {
    const idx = labels.flatMap((l, i) => (l === c ? [i] : []));
    return {
      type: 'scatter',
      mode: 'markers',
      name: nameOf(c),
      x: idx.map((i) => X[i][0]),
      y: idx.map((i) => X[i][1]),
      marker: { color: colorOf(c), size: 7, line: { color: '#ffffff', width: 1 } },
    };
  });
  return {
    data: [region, ...scatter],
    layout: baseLayout(options, { xaxis: axis(options.xTitle ?? 'x₁'), yaxis: axis(options.yTitle ?? 'x₂') }),
  };
}

function nonEmptyStrings(check: Checker, name: string, value: unknown): void {
  if (!Array.isArray(value)) throw check.error(name, 'an array of strings', value, 'type');
  value.forEach((v, i) => check.string(`${name}[${i}]`, v, undefined, true));
}
