import { colorFor } from './colors';
import { axis, baseLayout, describe, finiteArray, uniqueNames, type CommonOptions, type Figure } from './figure';

export interface CompareBarsOptions extends CommonOptions {
  /** Value axis title. Default: none. */
  yTitle?: string;
  /** Error bar half-widths, one per row (e.g. standard deviations over seeds). Default: none. */
  errors?: number[];
  /** Horizontal bars (long names read better). Default: false. */
  horizontal?: boolean;
  /** Print each value on its bar with this many significant digits. Default: 3 (0 = off). */
  digits?: number;
}

/**
 * A bar per named value (e.g. final validation loss per method); each bar takes its run colour.
 *
 * ```ts
 * rl.plot.show(rl.plot.compareBars({ 'no penalty': 0.91, L2: 0.55, dropout: 0.58 }, { yTitle: 'validation loss' }));
 * ```
 */
export function compareBars(
  rows: { name: string; value: number }[] | Record<string, number>,
  options: CompareBarsOptions = {},
): Figure {
  if (rows === null || typeof rows !== 'object') {
    throw new TypeError(`\`rows\` must be an array of { name, value } or a record name → value; received ${describe(rows)}`);
  }
  const list = Array.isArray(rows) ? rows : Object.entries(rows).map(([name, value]) => ({ name, value }));
  if (list.length === 0) throw new RangeError('`rows` must not be empty; received no rows');
  const names = uniqueNames('rows', list.map((r) => r?.name));
  const values = finiteArray('rows[].value', list.map((r) => r.value));
  const digits = options.digits ?? 3;
  const errors = options.errors === undefined ? undefined : finiteArray('options.errors', options.errors);
  if (errors && errors.length !== values.length) {
    throw new RangeError(`\`options.errors\` must have one value per row (${values.length}); received ${errors.length}`);
  }
  const h = options.horizontal === true;
  const trace: Record<string, unknown> = {
    type: 'bar',
    orientation: h ? 'h' : 'v',
    x: h ? values : names,
    y: h ? names : values,
    marker: { color: names.map(colorFor) },
    showlegend: false,
    hovertemplate: '%{label}: %{value:.4g}<extra></extra>',
  };
  if (digits > 0) {
    trace.text = values.map((v) => Number(v.toPrecision(digits)).toString());
    trace.textposition = 'outside';
    trace.cliponaxis = false;
  }
  if (errors) trace[h ? 'error_x' : 'error_y'] = { type: 'data', array: errors, visible: true, color: '#444' };
  const valueAxis = axis(options.yTitle, { rangemode: 'tozero' });
  return {
    data: [trace],
    layout: baseLayout(options, h
      ? { xaxis: valueAxis, yaxis: axis(undefined, { automargin: true, autorange: 'reversed' }) }
      : { xaxis: axis(undefined, { automargin: true }), yaxis: valueAxis }),
  };
}
