import { colorFor } from './colors';
import { axis, baseLayout, figureOptions, finiteArray, nonEmptyArray, uniqueNames, type CommonOptions, type Figure } from './figure';
import { described, checker, type Checker } from '../args';

/** One named line. */
export interface Series {
  name: string;
  x: number[];
  y: number[];
  /** Dashed line. Default: false. */
  dash?: boolean;
}

export interface LineChartOptions extends CommonOptions {
  xTitle?: string;
  yTitle?: string;
  /** Logarithmic axes (values must be > 0). Default: false. */
  logX?: boolean;
  logY?: boolean;
  /** Draw markers at the points too. Default: false. */
  markers?: boolean;
}

/**
 * Named lines (colour by name, as everywhere in rl.plot).
 *
 * ```ts
 * rl.plot.show(rl.plot.lineChart([{ name: 'train', x: [1, 2, 3], y: [3, 2, 1] }], { xTitle: 'degree' }));
 * ```
 */
export function lineChart(series: Series[], options: LineChartOptions = {}): Figure {
  const check = checker('rl.plot.lineChart');
  figureOptions(check, options, ['xTitle', 'yTitle', 'logX', 'logY', 'markers']);
  return xyChart(check, series, options, check.boolean('markers', options.markers, false) ? 'lines+markers' : 'lines');
}

/**
 * Named point clouds (colour by name).
 *
 * ```ts
 * rl.plot.show(rl.plot.scatter([{ name: 'class 0', x: [0, 1], y: [1, 0] }]));
 * ```
 */
export function scatter(series: Omit<Series, 'dash'>[], options: Omit<LineChartOptions, 'markers'> = {}): Figure {
  const check = checker('rl.plot.scatter');
  figureOptions(check, options, ['xTitle', 'yTitle', 'logX', 'logY']);
  return xyChart(check, series, options, 'markers');
}

function xyChart(check: Checker, series: Series[], options: LineChartOptions, mode: string): Figure {
  nonEmptyArray(check, 'series', series);
  const names = uniqueNames(check, 'series', series.map((s) => s?.name));
  const logX = check.boolean('logX', options.logX, false);
  const logY = check.boolean('logY', options.logY, false);
  const data = series.map((s, i) => {
    const x = finiteArray(check, `series[${i}].x`, s.x, { positive: logX });
    const y = finiteArray(check, `series[${i}].y`, s.y, { positive: logY });
    if (x.length !== y.length) {
      throw check.error(`series[${i}].y`, `an array of as many values as x (${x.length})`, described(`${y.length} values`));
    }
    const color = colorFor(names[i]);
    return {
      type: 'scatter',
      mode,
      name: names[i],
      x,
      y,
      line: { color, width: 2, dash: s.dash ? 'dash' : 'solid' },
      marker: { color, size: mode === 'markers' ? 7 : 6 },
    };
  });
  return {
    data,
    layout: baseLayout(options, {
      xaxis: axis(options.xTitle, options.logX ? { type: 'log' } : {}),
      yaxis: axis(options.yTitle, options.logY ? { type: 'log' } : {}),
    }),
  };
}
