import { colorFor } from './colors';
import { axis, baseLayout, finiteArray, nonEmptyArray, uniqueNames, type CommonOptions, type Figure } from './figure';

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
  return xyChart(series, options, options.markers ? 'lines+markers' : 'lines');
}

/**
 * Named point clouds (colour by name).
 *
 * ```ts
 * rl.plot.show(rl.plot.scatter([{ name: 'class 0', x: [0, 1], y: [1, 0] }]));
 * ```
 */
export function scatter(series: Omit<Series, 'dash'>[], options: Omit<LineChartOptions, 'markers'> = {}): Figure {
  return xyChart(series, options, 'markers');
}

function xyChart(series: Series[], options: LineChartOptions, mode: string): Figure {
  nonEmptyArray('series', series);
  const names = uniqueNames('series', series.map((s) => s?.name));
  const data = series.map((s, i) => {
    const x = finiteArray(`series[${i}].x`, s.x, { positive: options.logX === true });
    const y = finiteArray(`series[${i}].y`, s.y, { positive: options.logY === true });
    if (x.length !== y.length) {
      throw new RangeError(`\`series[${i}]\` (${JSON.stringify(names[i])}) must have as many x as y values; received ${x.length} and ${y.length}`);
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
