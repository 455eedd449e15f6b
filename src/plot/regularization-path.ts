import { PALETTE } from './colors';
import { axis, baseLayout, finiteArray, finiteMatrix, type CommonOptions, type Figure, type Trace } from './figure';

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
  const logX = options.logX ?? true;
  const a = finiteArray('alphas', alphas, { positive: logX });
  const { rows, cols } = finiteMatrix('coefs', coefs);
  if (rows !== a.length) {
    throw new RangeError(`\`coefs\` must have one row per alpha (${a.length}); received ${rows} rows`);
  }
  const names = options.featureNames ?? Array.from({ length: cols }, (_, j) => `x${j}`);
  if (!Array.isArray(names) || names.length !== cols) {
    throw new RangeError(`\`options.featureNames\` must have one name per column of coefs (${cols}); received ${Array.isArray(names) ? names.length : String(names)}`);
  }
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
