import { colorFor } from './colors';
import { axis, baseLayout, figureOptions, finiteArray, uniqueNames, type CommonOptions, type Figure } from './figure';
import { checker } from '../args';

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
  const check = checker('rl.plot.compareBars');
  figureOptions(check, options, ['yTitle', 'errors', 'horizontal', 'digits']);
  const must = 'a non-empty array of { name, value } or a record name → value';
  if (rows === null || typeof rows !== 'object') throw check.error('rows', must, rows, 'type');
  const list = Array.isArray(rows) ? rows : Object.entries(rows).map(([name, value]) => ({ name, value }));
  if (list.length === 0) throw check.error('rows', must, rows);
  const names = uniqueNames(check, 'rows', list.map((r) => r?.name));
  const values = finiteArray(check, 'rows[].value', list.map((r) => r.value));
  // toPrecision takes 1 … 100 digits; 0 turns the labels off.
  const digits = check.integer('digits', options.digits, 0, 3, 100);
  const errors = options.errors === undefined ? undefined : finiteArray(check, 'errors', options.errors);
  if (errors && errors.length !== values.length) {
    throw check.error('errors', `an array with one value per row (${values.length})`, options.errors);
  }
  if (options.yTitle !== undefined) check.string('yTitle', options.yTitle, undefined, true);
  const h = check.boolean('horizontal', options.horizontal, false);
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
