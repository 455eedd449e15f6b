// The figure type shared by every builder, the house layout, and argument validation that names
// the argument and the value received.

/** One plotly trace (`{ type: 'scatter', x, y, … }`), see https://plotly.com/javascript/reference/. */
import { checker, type Checker } from '../args';

export type Trace = Record<string, unknown>;
/** A plotly layout (`{ title, xaxis, yaxis, … }`). */
export type Layout = Record<string, unknown>;
/** A plain plotly figure: what `Plotly.newPlot(div, figure.data, figure.layout)` draws. */
export interface Figure {
  data: Trace[];
  layout: Layout;
}

/** Options every builder accepts. */
export interface CommonOptions {
  /** Figure title. Default: none. */
  title?: string;
  /** Height in pixels. Default: 420 (builders with grids compute their own). */
  height?: number;
  /** Width in pixels. Default: none (fills the output area; static images use 720). */
  width?: number;
}

const AXIS = { gridcolor: '#e5e5e5', zerolinecolor: '#bdbdbd', linecolor: '#bdbdbd', ticks: 'outside' };

/** The house layout: white background, light grid, legend on the right, merged with `extra`. */
export function baseLayout(options: CommonOptions, extra: Layout = {}): Layout {
  const layout: Layout = {
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    font: { family: 'Helvetica, Arial, sans-serif', size: 13, color: '#222' },
    margin: { l: 64, r: 24, t: options.title ? 56 : 24, b: 56 },
    height: options.height ?? 420,
    hovermode: 'closest',
    ...extra,
  };
  if (options.width !== undefined) layout.width = options.width;
  if (options.title) layout.title = { text: options.title, x: 0.02, xanchor: 'left' };
  return layout;
}

/**
 * Tick labels of a logarithmic axis as powers of ten (10⁻³, 10², …): plotly's default SI
 * suffixes read 1μ, 1M, 1B — wrong for a penalty strength or a loss.
 */
export const LOG_TICKS = { exponentformat: 'power', showexponent: 'all' } as const;

/** An axis definition in the house style (a `type: 'log'` axis gets {@link LOG_TICKS}). */
export function axis(title: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...AXIS, ...(title ? { title: { text: title } } : {}), ...(extra.type === 'log' ? LOG_TICKS : {}), ...extra };
}

/**
 * Ticks for a count axis (epochs, runs) of values 1…`count`: integers only, every 1, 2, 5, 10,
 * 20, 50… so that at most about 10 ticks show — never the fractional epochs plotly's automatic
 * ticks would place on a short run (1, 1.5, 2).
 */
export function integerTicks(count: number): { tick0: number; dtick: number; tickformat: string } {
  const target = Math.max(1, count / 10);
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= target) ?? 10 * magnitude;
  return { tick0: 0, dtick: Math.max(1, Math.round(step)), tickformat: 'd' };
}

/** The option keys of {@link CommonOptions}. */
export const COMMON_KEYS = ['title', 'height', 'width'] as const;

/**
 * The options object of a figure builder (unknown keys rejected) with the common ones checked:
 * `title` a string, `width`/`height` pixel sizes in [50, 10000].
 */
export function figureOptions<T extends object>(check: Checker, options: unknown, keys: readonly string[]): Partial<T> {
  const o = check.options<T>(options, [...COMMON_KEYS, ...keys]) as Partial<T> & Record<string, unknown>;
  if (o.title !== undefined) check.string('title', o.title, undefined, true);
  for (const k of ['width', 'height']) if (o[k] !== undefined) check.integer(k, o[k], 50, undefined, 10_000);
  return o;
}

/** Checks `value` is an array of finite numbers (optionally non-empty / positive). */
export function finiteArray(
  check: Checker,
  name: string,
  value: unknown,
  { nonEmpty = true, positive = false }: { nonEmpty?: boolean; positive?: boolean } = {},
): number[] {
  const values = Array.from(check.finiteVector(name, value, nonEmpty ? 1 : 0));
  values.forEach((v, i) => {
    if (positive && v <= 0) throw check.error(`${name}[${i}]`, 'a number > 0 on a log axis', v);
  });
  return values;
}

/** Checks `value` is a rectangular non-empty matrix of finite numbers; returns its shape. */
export function finiteMatrix(check: Checker, name: string, value: unknown): { rows: number; cols: number } {
  const cols = check.matrix(name, value, 4_000_000);
  return { rows: (value as unknown[]).length, cols };
}

/** Checks names are non-empty and unique. */
export function uniqueNames(check: Checker, name: string, names: unknown[]): string[] {
  const seen = new Set<string>();
  return names.map((n, i) => {
    const s = check.string(`${name}[${i}].name`, n);
    if (s.trim() === '') throw check.error(`${name}[${i}].name`, 'a non-empty string', n);
    if (seen.has(s)) throw check.error(`${name}[${i}].name`, 'a name not used by an earlier entry (names are unique)', n);
    seen.add(s);
    return s;
  });
}

/** Checks `value` is a non-empty array. */
export function nonEmptyArray<T>(check: Checker, name: string, value: unknown): T[] {
  if (!Array.isArray(value)) throw check.error(name, 'a non-empty array', value, 'type');
  if (value.length === 0) throw check.error(name, 'a non-empty array', value);
  return value as T[];
}

/** Checks a figure has the plotly shape `{ data: object[], layout: object }`. */
export function assertFigure(figure: unknown, name = 'figure', owner = 'rl.plot.show'): asserts figure is Figure {
  const check = checker(owner);
  const f = figure as Partial<Figure> | null;
  if (f === null || typeof f !== 'object' || !Array.isArray(f.data)) {
    throw check.error(name, 'a plotly figure { data: object[], layout: object }', figure, 'type');
  }
  if (f.layout !== undefined) check.object(`${name}.layout`, f.layout);
}

/** One-line description of a figure for text/plain: title, trace count and kinds, axis titles. */
export function describeFigure(figure: Figure): string {
  const layout = figure.layout ?? {};
  const title = textOf(layout.title);
  const kinds = [...new Set(figure.data.map((t) => String(t.type ?? 'scatter')))].join(', ');
  const xTitle = textOf((layout.xaxis as Layout | undefined)?.title);
  const yTitle = textOf((layout.yaxis as Layout | undefined)?.title);
  const axes = xTitle || yTitle ? ` — ${yTitle || 'y'} vs ${xTitle || 'x'}` : '';
  const n = figure.data.length;
  return `${title ? `Figure "${title}"` : 'Figure'}: ${n} trace${n === 1 ? '' : 's'} (${kinds || 'none'})${axes}`;
}

function textOf(title: unknown): string {
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string') {
    return (title as { text: string }).text;
  }
  return '';
}
