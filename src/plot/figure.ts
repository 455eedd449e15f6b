// The figure type shared by every builder, the house layout, and argument validation that names
// the argument and the value received.

/** One plotly trace (`{ type: 'scatter', x, y, … }`), see https://plotly.com/javascript/reference/. */
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

/** Short rendering of a received value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Checks `value` is an array of finite numbers (optionally non-empty / positive). */
export function finiteArray(
  name: string,
  value: unknown,
  { nonEmpty = true, positive = false }: { nonEmpty?: boolean; positive?: boolean } = {},
): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw new TypeError(`\`${name}\` must be an array of numbers; received ${describe(value)}`);
  }
  const values = Array.from(value as ArrayLike<unknown>);
  if (nonEmpty && values.length === 0) throw new RangeError(`\`${name}\` must not be empty; received an empty array`);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new TypeError(`\`${name}[${i}]\` must be a finite number; received ${describe(v)}`);
    }
    if (positive && v <= 0) {
      throw new RangeError(`\`${name}[${i}]\` must be > 0 on a log axis; received ${v}`);
    }
  });
  return values as number[];
}

/** Checks `value` is a rectangular non-empty matrix of finite numbers; returns its shape. */
export function finiteMatrix(name: string, value: unknown): { rows: number; cols: number } {
  if (!Array.isArray(value) || value.length === 0) {
    throw new TypeError(`\`${name}\` must be a non-empty array of rows; received ${describe(value)}`);
  }
  const cols = Array.isArray(value[0]) || ArrayBuffer.isView(value[0]) ? (value[0] as ArrayLike<number>).length : -1;
  value.forEach((row, i) => {
    finiteArray(`${name}[${i}]`, row);
    if ((row as number[]).length !== cols) {
      throw new RangeError(`\`${name}\` must be rectangular: row 0 has ${cols} values, row ${i} has ${(row as number[]).length}`);
    }
  });
  return { rows: value.length, cols };
}

/** Checks names are non-empty and unique. */
export function uniqueNames(name: string, names: unknown[]): string[] {
  const seen = new Set<string>();
  return names.map((n, i) => {
    if (typeof n !== 'string' || n.trim() === '') {
      throw new TypeError(`\`${name}[${i}].name\` must be a non-empty string; received ${describe(n)}`);
    }
    if (seen.has(n)) throw new RangeError(`\`${name}\` has the name ${JSON.stringify(n)} twice; names must be unique`);
    seen.add(n);
    return n;
  });
}

/** Checks `value` is a non-empty array. */
export function nonEmptyArray<T>(name: string, value: unknown): T[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new TypeError(`\`${name}\` must be a non-empty array; received ${describe(value)}`);
  }
  return value as T[];
}

/** Checks a figure has the plotly shape `{ data: object[], layout: object }`. */
export function assertFigure(figure: unknown, name = 'figure'): asserts figure is Figure {
  const f = figure as Partial<Figure> | null;
  if (f === null || typeof f !== 'object' || !Array.isArray(f.data)) {
    throw new TypeError(`\`${name}\` must be a plotly figure { data: object[], layout: object }; received ${describe(figure)}`);
  }
  if (f.layout !== undefined && (f.layout === null || typeof f.layout !== 'object')) {
    throw new TypeError(`\`${name}.layout\` must be an object; received ${describe(f.layout)}`);
  }
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
