import { PALETTE } from './colors';
import { axis, baseLayout, figureOptions, finiteArray, finiteMatrix, type CommonOptions, type Figure, type Trace } from './figure';
import { described, checker } from '../args';

export interface RegularizationPathOptions extends CommonOptions {
  /** One name per feature (column of `coefs`). Default: 'x0', 'x1', … */
  featureNames?: string[];
  /** Logarithmic α axis (α must be > 0). Default: true. */
  logX?: boolean;
  /** x-axis title. Default: 'α (penalty strength)'. */
  xTitle?: string;
  /** y-axis title. Default: 'coefficient'. */
  yTitle?: string;
}

/**
 * Regularization path: each coefficient as a function of the penalty strength α, one line per
 * feature (coloured by feature position, so two paths over the same features match).
 *
 * ```ts
 * // coefs[a][j] = coefficient j fitted with alphas[a]
 * rl.plot.show(rl.plot.regularizationPath([0.01, 0.1, 1], [[2, -1], [1.5, -0.5], [0.3, 0]],
 *   { featureNames: ['age', 'bmi'], title: 'Lasso path' }));
 * ```
 */
export function regularizationPath(alphas: number[], coefs: number[][], options: RegularizationPathOptions = {}): Figure {
  const check = checker('rl.plot.regularizationPath');
  figureOptions(check, options, ['featureNames', 'logX', 'xTitle', 'yTitle']);
  const logX = check.boolean('logX', options.logX, true);
  const a = finiteArray(check, 'alphas', alphas, { positive: logX });
  const { rows, cols } = finiteMatrix(check, 'coefs', coefs);
  if (rows !== a.length) throw check.error('coefs', `a matrix with one row per alpha (${a.length})`, described(`${rows} rows`));
  const names = options.featureNames ?? Array.from({ length: cols }, (_, j) => `x${j}`);
  const must = `an array of ${cols} names (one per column of coefs)`;
  if (!Array.isArray(names)) throw check.error('featureNames', must, names, 'type');
  if (names.length !== cols) throw check.error('featureNames', must, names);
  const data: Trace[] = names.map((name, j) => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: a,
    y: coefs.map((row) => row[j]),
    line: { color: PALETTE[j % PALETTE.length], width: 2 },
    hovertemplate: `${name}<br>α %{x:.3g}: %{y:.4g}<extra></extra>`,
  }));
  return {
    data,
    layout: baseLayout(options, {
      xaxis: axis(options.xTitle ?? 'α (penalty strength)', logX ? { type: 'log' } : {}),
      yaxis: axis(options.yTitle ?? 'coefficient', { zeroline: true }),
    }),
  };
}
