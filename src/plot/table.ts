import { sendBundle } from './display';
import { checker } from '../args';

export interface TableOptions {
  /** Caption above the table. Default: none. */
  title?: string;
  /** Significant digits for non-integer numbers. Default: 4. */
  digits?: number;
  /** Rows shown (the rest are counted in a note). Default: 50. */
  maxRows?: number;
}

/** The columns and rows of a danfojs DataFrame (duck-typed: plot knows nothing of data). */
/** What `table` needs of a danfojs DataFrame (whose `values` is typed 1-D or 2-D). */
export interface FrameLike {
  columns: string[];
  values: ArrayLike<unknown>;
}

function fromDataFrame(df: FrameLike): Record<string, unknown>[] {
  return Array.from(df.values, (row) => {
    const cells = Array.isArray(row) ? row : [row];
    return Object.fromEntries(df.columns.map((c, j) => [c, cells[j]]));
  });
}

function isDataFrame(value: unknown): value is FrameLike {
  const v = value as { columns?: unknown; values?: unknown } | null;
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.columns) && Array.isArray(v.values);
}

function formatCell(value: unknown, digits: number): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    if (!Number.isFinite(value)) return String(value);
    return Number(value.toPrecision(digits)).toString();
  }
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The text/plain and text/html of a table (exported for tests). */
export function tableBundle(rows: Record<string, unknown>[] | FrameLike, options: TableOptions = {}): { 'text/plain': string; 'text/html': string } {
  const records = isDataFrame(rows) ? fromDataFrame(rows) : rows;
  const check = checker('rl.plot.table');
  check.options<TableOptions>(options, ['title', 'digits', 'maxRows']);
  if (!Array.isArray(records)) throw check.error('rows', 'an array of records or a DataFrame', rows, 'type');
  records.forEach((r, i) => check.object(`rows[${i}]`, r, 'a record { column: value }'));
  const digits = check.integer('digits', options.digits, 1, 4, 100);
  const maxRows = check.integer('maxRows', options.maxRows, 1, 50, 100_000);
  if (options.title !== undefined) check.string('title', options.title, undefined, true);
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const shown = records.slice(0, maxRows);
  const cells = shown.map((r) => columns.map((c) => formatCell(r[c], digits)));
  const numeric = columns.map((c) => shown.every((r) => r[c] === undefined || typeof r[c] === 'number'));
  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j].length)));
  const pad = (s: string, j: number): string => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
  const more = records.length > shown.length ? `… ${records.length - shown.length} more rows` : '';
  const text = [
    ...(options.title ? [options.title] : []),
    columns.map(pad).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((row) => row.map(pad).join('  ')),
    ...(more ? [more] : []),
  ].join('\n');
  const align = (j: number): string => (numeric[j] ? ' style="text-align:right"' : ' style="text-align:left"');
  const html = `<table class="reglab-table">${options.title ? `<caption>${esc(options.title)}</caption>` : ''}` +
    `<thead><tr>${columns.map((c, j) => `<th${align(j)}>${esc(c)}</th>`).join('')}</tr></thead>` +
    `<tbody>${cells.map((row) => `<tr>${row.map((v, j) => `<td${align(j)}>${esc(v)}</td>`).join('')}</tr>`).join('')}</tbody></table>` +
    (more ? `<p><em>${esc(more)}</em></p>` : '');
  return { 'text/plain': text, 'text/html': html };
}

/**
 * Displays a table (HTML + aligned text) of records or a danfojs DataFrame.
 *
 * ```ts
 * rl.plot.table([{ method: 'none', val: 0.91 }, { method: 'L2', val: 0.55 }], { title: 'Validation loss' });
 * ```
 */
export function table(rows: Record<string, unknown>[] | FrameLike, options: TableOptions = {}): void {
  sendBundle(tableBundle(rows, options));
}
